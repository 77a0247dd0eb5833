package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code gradsum eval --prompt FILE} with a plain-text file on a chat task: the text replaces the task's
 * one optimized message (as a run's {@code best_prompt.<message>.txt} holds it) and every other message is
 * sent as written; when that cannot be meant (several optimized messages, other placeholders) eval stops
 * with one line naming the flag and the file and asking for the best_prompt.json form.
 */
class EvalChatPromptFileTest extends AgainstStub {
    private static final Map<String, String> ENV = Map.of("STUB_KEY", "sk-test-4242");
    private static final String USER = "Tell me about the capital of {country}.";

    private Path chatTask(String optimize) {
        String model = TaskFolder.openAi(stub.baseUrl(), "");
        return folder.task(TaskFolder.yaml(model, model, "").replace("prompt: |\n  Tell me about the capital of {country}.\n",
                "prompt:\n  system: You are a geography assistant.\n  user: " + USER + "\n" + optimize));
    }

    @Test
    void a_plain_text_replaces_the_one_optimized_message_and_the_user_template_is_sent_as_written() throws Exception {
        List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        stub.gate(bodies::add);
        Path task = chatTask("");
        Path best = dir.resolve("best_prompt.system.txt");
        Files.writeString(best, "You are a terse geography assistant.");

        CliRunner.Outcome r = CliRunner.run(ENV, "eval", task.toString(), "--prompt", best.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(bodies.stream().map(ChatPromptAgainstStubTest::messages)).contains(
                "system: You are a terse geography assistant. | user: Tell me about the capital of France.")
                .noneMatch(m -> m.startsWith("user: You are a terse"));
    }

    @Test
    void a_plain_text_for_several_optimized_messages_is_refused_in_one_line() throws Exception {
        Path task = chatTask("optimize: [system, user]\n");
        Path best = dir.resolve("best.txt");
        Files.writeString(best, "You are a terse geography assistant.");

        CliRunner.Outcome r = CliRunner.run(ENV, "eval", task.toString(), "--prompt", best.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("--prompt " + best)
                .contains("optimizes 2 messages (system, user)").contains("best_prompt.json");
        assertThat(stub.requestTargets()).isEmpty();
    }

    @Test
    void a_plain_text_with_other_placeholders_than_the_optimized_message_is_refused() throws Exception {
        Path task = chatTask("");
        Path best = dir.resolve("best_prompt.user.txt");
        Files.writeString(best, USER);

        CliRunner.Outcome r = CliRunner.run(ENV, "eval", task.toString(), "--baseline", best.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("--baseline " + best)
                .contains("optimized system message, which has the placeholders none, but it has {country}")
                .contains("best_prompt.json");
    }
}
