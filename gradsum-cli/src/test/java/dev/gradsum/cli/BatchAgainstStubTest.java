package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: {@code batch: true} and {@code eval --batch} against Anthropic's Message Batches on the wire
 * ({@link MessageBatchesWire}: a batch in progress for several polls, results out of order, an expired,
 * an errored and canceled requests of a batch canceled at the provider).
 */
class BatchAgainstStubTest extends AgainstStub {
    private String anthropic(String extra) {
        return "{provider: anthropic, model: claude-haiku-4-5, base_url: " + stub.baseUrl()
                + "/, api_key_env: ANTHROPIC_KEY" + extra + "}";
    }

    private Path task(String target) {
        return folder.task(TaskFolder.yaml(target, anthropic(""), ""));
    }

    private long onlineMessages() {
        return stub.requestTargets().stream().filter(t -> t.endsWith("/v1/messages")).count();
    }

    @Test
    void optimize_sends_validation_and_test_calls_as_batches_and_training_calls_online() {
        Path task = task(anthropic(", batch: true, batch_poll_seconds: 0.05"));

        CliRunner.Outcome r = CliRunner.run(OptimizeAgainstStubTest.ENV, "optimize", task.toString(),
                "--out", dir.resolve("runs").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        MessageBatchesWire batches = stub.batches();
        assertThat(batches.batchIds()).isNotEmpty();
        assertThat(batches.submissionsPerRequest().values()).as("each request submitted once").allMatch(n -> n == 1);
        assertThat(onlineMessages()).as("minibatch, gradient, summary and edit calls stay online").isPositive();
        assertThat(r.err()).contains("ANTHROPIC/claude-haiku-4-5 batches: 1 in progress")
                .contains("ANTHROPIC/claude-haiku-4-5 batches: ");
        assertThat(r.out()).contains("Test (4 rows").contains("best 1.000");
    }

    @Test
    void eval_batch_sends_every_row_in_a_batch_and_a_second_eval_pays_for_none_of_them_again() {
        Path task = task(anthropic(""));
        List<String> args = List.of("eval", task.toString(), "--batch", "--batch-poll-seconds", "0.05");
        stub.batches().pollsInProgress = 3;

        CliRunner.Outcome first = CliRunner.run(OptimizeAgainstStubTest.ENV, args.toArray(String[]::new));

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(onlineMessages()).isZero();
        int submitted = stub.batches().submissionsPerRequest().size();
        assertThat(submitted).as("4 target and 4 judge requests").isEqualTo(8);

        CliRunner.Outcome second = CliRunner.run(OptimizeAgainstStubTest.ENV, args.toArray(String[]::new));

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(stub.batches().submissionsPerRequest()).hasSize(submitted).allSatisfy((k, n) -> assertThat(n).isEqualTo(1));
        assertThat(onlineMessages()).isZero();
    }

    @Test
    void an_expired_and_an_errored_request_are_answered_online_and_counted() {
        Path task = task(anthropic(", batch: true, batch_poll_seconds: 0.05"));
        stub.batches().expire = params -> params.contains("Kenya") && !params.contains("<scale>");
        stub.batches().error = params -> params.contains("Peru") && !params.contains("<scale>");

        CliRunner.Outcome r = CliRunner.run(OptimizeAgainstStubTest.ENV, "eval", task.toString(),
                "--data", folder.dir.resolve("data.jsonl").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("failed (").contains(" online, 0 resubmitted)");
        assertThat(onlineMessages()).as("the failed batch requests, sent online").isPositive();
    }

    @Test
    void a_batch_canceled_at_the_provider_ends_with_canceled_lines_which_are_sent_online_and_counted() {
        Path task = task(anthropic(", batch: true, batch_poll_seconds: 0.05"));
        stub.batches().canceledBatches = Integer.MAX_VALUE;
        stub.batches().cancel = params -> (params.contains("Chile") || params.contains("Japan")) && !params.contains("<scale>");

        CliRunner.Outcome r = CliRunner.run(OptimizeAgainstStubTest.ENV, "eval", task.toString(),
                "--data", folder.dir.resolve("data.jsonl").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("1 cancelled;").containsPattern("2 failed \\(2 online, 0 resubmitted\\)");
        assertThat(onlineMessages()).as("the 2 canceled requests, sent online").isEqualTo(2);
        assertThat(r.out()).contains("of 12 rated rows");
    }

    @Test
    void with_next_batch_a_canceled_request_goes_into_the_next_batch_and_is_counted_resubmitted() {
        Path task = task(anthropic(", batch: true, batch_poll_seconds: 0.05, batch_failed_requests: next_batch"));
        MessageBatchesWire batches = stub.batches();
        batches.canceledBatches = 1; // the first batch cancels Chile's answer; the next batch answers it
        batches.cancel = params -> params.contains("Chile") && !params.contains("<scale>");

        CliRunner.Outcome r = CliRunner.run(OptimizeAgainstStubTest.ENV, "eval", task.toString(),
                "--data", folder.dir.resolve("data.jsonl").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(onlineMessages()).as("answered by the next batch, not online").isZero();
        assertThat(r.err()).containsPattern("\\d+ failed \\(0 online, 1 resubmitted\\)");
        assertThat(batches.submissionsPerRequest().values()).contains(2); // the canceled request, in two batches
        assertThat(r.out()).contains("of 12 rated rows");
    }

    @Test
    void batch_true_for_a_provider_without_a_batch_api_names_the_key_and_the_model() {
        Path task = task(TaskFolder.openAi(stub.baseUrl(), ", batch: true"));

        CliRunner.Outcome r = CliRunner.run(OptimizeAgainstStubTest.ENV, "optimize", task.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("models.target.batch").contains("stub-model").contains("openai-compatible")
                .contains("has no batch API");
    }

    private String openAi(String extra) {
        return "{provider: openai, model: gpt-4o-mini, base_url: " + stub.baseUrl() + ", api_key_env: STUB_KEY" + extra + "}";
    }

    @Test
    void openai_batches_go_up_as_a_jsonl_file_and_come_back_matched_by_custom_id_with_error_lines_sent_online() {
        Path task = folder.task(TaskFolder.yaml(openAi(", batch: true, batch_poll_seconds: 0.05"), openAi(""), ""));
        OpenAiBatchesWire batches = stub.openAiBatches();
        batches.expire = body -> body.contains("Kenya") && !body.contains("<scale>");
        batches.error = body -> body.contains("Peru") && !body.contains("<scale>");

        CliRunner.Outcome r = CliRunner.run(OptimizeAgainstStubTest.ENV, "eval", task.toString(),
                "--data", folder.dir.resolve("data.jsonl").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        // the answers' batch, then the judge's (the judge requests of the 2 answers sent online may miss it: a third)
        assertThat(batches.batches()).isBetween(2, 3);
        assertThat(batches.submissionsPerRequest().values()).allMatch(n -> n == 1);
        long online = stub.requestTargets().stream().filter(t -> t.endsWith("/chat/completions")).count();
        assertThat(online).as("the expired and the errored request, sent online").isEqualTo(2);
        assertThat(r.err()).contains("OPEN_AI/gpt-4o-mini batches: 1 validating").contains("1 finalizing")
                .containsPattern("2 failed \\(\\d online, 0 resubmitted\\)"); // the count sent online: BatchPathTest
        assertThat(r.out()).contains("of 12 rated rows");
    }

    @Test
    void gemini_batch_mode_answers_inline_requests_in_order_and_an_errored_one_is_sent_online() {
        String gemini = "{provider: gemini, model: gemini-2.5-flash, base_url: \"http://127.0.0.1:" + stub.port()
                + "/v1beta\", api_key_env: STUB_KEY, batch: true, batch_poll_seconds: 0.05}";
        Path task = folder.task(TaskFolder.yaml(gemini, gemini, ""));
        GeminiBatchesWire batches = stub.geminiBatches();
        batches.error = request -> request.contains("Peru") && !request.contains("<scale>");

        CliRunner.Outcome r = CliRunner.run(OptimizeAgainstStubTest.ENV, "eval", task.toString(),
                "--data", folder.dir.resolve("data.jsonl").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(batches.batches()).isBetween(2, 3);
        assertThat(batches.submissionsPerRequest().values()).allMatch(n -> n == 1);
        long online = stub.requestTargets().stream().filter(t -> t.endsWith(":generateContent")).count();
        assertThat(online).as("the errored request, sent online").isEqualTo(1);
        assertThat(r.err()).contains("GOOGLE_AI_GEMINI/gemini-2.5-flash batches: ").containsPattern("1 failed \\(\\d online, 0 resubmitted\\)");
        // each answer matched to its own row: the judge passes a row only when the answer names its capital
        assertThat(r.out()).contains("of 12 rated rows");
    }
}
