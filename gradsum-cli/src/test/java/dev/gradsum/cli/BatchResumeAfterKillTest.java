package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, item 2: a real {@code gradsum optimize} killed with SIGKILL while its validation batch runs at
 * the provider, then {@code --resume}d, polls that batch again and never submits one of its requests twice
 * (the Anthropic Message Batches, OpenAI Batch API and Gemini batch-mode stubs count each request's
 * submissions); and one killed right after the provider accepted its batch, before the batch id reached the
 * store, finds that batch by the token in its metadata (OpenAI) instead of submitting it again.
 */
class BatchResumeAfterKillTest extends AgainstStub {
    /** An Anthropic model section on the stub, its calls sent as Message Batches. */
    private String anthropicBatches() {
        return "{provider: anthropic, model: claude-haiku-4-5, base_url: " + stub.baseUrl()
                + "/, api_key_env: STUB_KEY, batch: true, batch_poll_seconds: 0.05}";
    }

    /** An OpenAI model section on the stub, its calls sent through the Batch API. */
    private String openAiBatches() {
        return "{provider: openai, model: gpt-4o-mini, base_url: " + stub.baseUrl()
                + ", api_key_env: STUB_KEY, batch: true, batch_poll_seconds: 0.05}";
    }

    /** A Gemini model section on the stub, its calls sent in batch mode. */
    private String geminiBatches() {
        return "{provider: gemini, model: gemini-2.5-flash, base_url: \"http://127.0.0.1:" + stub.port()
                + "/v1beta\", api_key_env: STUB_KEY, batch: true, batch_poll_seconds: 0.05}";
    }

    /** Resumes run {@code runId}, which must finish, and checks the provider got each request once in all. */
    private void resumeSubmittingEachRequestOnce(Path taskFile, Path db, String runId,
                                                 Supplier<java.util.Map<String, Integer>> submissions) throws Exception {
        Process resumed = ResumeAfterKillTest.gradsum(taskFile, "optimize", "--resume", runId, "--store", db.toString(),
                "--out", dir.resolve("runs").toString());
        assertThat(ResumeAfterKillTest.finish(resumed)).as(Files.readString(ResumeAfterKillTest.err(taskFile))).isZero();
        assertThat(submissions.get()).isNotEmpty()
                .allSatisfy((request, times) -> assertThat(times).as(request).isEqualTo(1));
    }

    @Test
    void a_run_killed_while_its_batch_runs_resumes_by_polling_it_and_submits_each_request_once() throws Exception {
        String anthropic = anthropicBatches();
        Path taskFile = new TaskFolder(dir.resolve("killed")).task(TaskFolder.yaml(anthropic, anthropic, ""));
        Path db = taskFile.resolveSibling(".gradsum/gradsum.db");
        MessageBatchesWire batches = stub.batches();
        batches.hold = true; // the first batch stays in progress until the process is dead

        Process child = ResumeAfterKillTest.gradsum(taskFile, "optimize", taskFile.toString(),
                "--out", dir.resolve("runs").toString());
        awaitBatchStored(db, child);
        child.destroyForcibly();
        assertThat(ResumeAfterKillTest.finish(child)).as("killed by SIGKILL").isEqualTo(137);
        assertThat(batches.batchIds()).hasSize(1);
        String runId = ResumeAfterKillTest.query(db, "SELECT id FROM runs");

        batches.hold = false;
        resumeSubmittingEachRequestOnce(taskFile, db, runId, batches::submissionsPerRequest);
        assertThat(batches.batchIds()).hasSizeGreaterThan(1); // later stages went on in new batches
        assertThat(ResumeAfterKillTest.query(db, "SELECT count(*) FROM batches WHERE finished IS NULL")).isEqualTo("0");
        assertThat(ResumeAfterKillTest.query(db, "SELECT status || ' ' || attempts FROM runs")).isEqualTo("finished 2");
    }

    @Test
    void optimize_stopped_with_ctrl_c_while_its_batch_runs_is_resumed_later_and_submits_each_request_once()
            throws Exception {
        String anthropic = anthropicBatches();
        Path taskFile = new TaskFolder(dir.resolve("stopped")).task(TaskFolder.yaml(anthropic, anthropic, ""));
        Path db = taskFile.resolveSibling(".gradsum/gradsum.db");
        MessageBatchesWire batches = stub.batches();
        batches.hold = true;

        Process child = ResumeAfterKillTest.gradsum(taskFile, "optimize", taskFile.toString(),
                "--out", dir.resolve("runs").toString());
        // the initial prompt's validation goes out in a batch with the minibatch (online); the children's in a
        // second batch once the edit is written: from then on the iteration waits for the batches alone
        awaitBatchesStored(db, child, 2);
        long onlineBefore = stub.requestTargets().stream().filter(t -> t.endsWith("/v1/messages")).count();
        child.destroy(); // SIGTERM: the same shutdown path as Ctrl-C's SIGINT
        assertThat(ResumeAfterKillTest.finish(child)).isEqualTo(143);
        String runId = ResumeAfterKillTest.query(db, "SELECT id FROM runs");
        assertThat(Files.readString(ResumeAfterKillTest.err(taskFile))).contains("--resume " + runId);
        assertThat(stub.requestTargets().stream().filter(t -> t.endsWith("/v1/messages")).count())
                .as("the calls waiting for the batch are not sent online on the way out").isEqualTo(onlineBefore);
        assertThat(ResumeAfterKillTest.query(db, "SELECT count(*) FROM batches WHERE finished IS NULL")).isEqualTo("2");

        batches.hold = false;
        resumeSubmittingEachRequestOnce(taskFile, db, runId, batches::submissionsPerRequest);
    }

    @Test
    void an_openai_run_killed_while_its_batch_runs_resumes_by_polling_it_and_submits_each_request_once()
            throws Exception {
        OpenAiBatchesWire batches = stub.openAiBatches();
        String openAi = openAiBatches();
        killWhileBatchRunsThenResume("openai", openAi, v -> batches.hold = v, batches::submissionsPerRequest);
    }

    @Test
    void a_gemini_run_killed_while_its_batch_runs_resumes_by_polling_it_and_submits_each_request_once()
            throws Exception {
        GeminiBatchesWire batches = stub.geminiBatches();
        String gemini = geminiBatches();
        killWhileBatchRunsThenResume("gemini", gemini, v -> batches.hold = v, batches::submissionsPerRequest);
    }

    private void killWhileBatchRunsThenResume(String name, String model, java.util.function.Consumer<Boolean> hold,
                                              Supplier<java.util.Map<String, Integer>> submissions) throws Exception {
        Path taskFile = new TaskFolder(dir.resolve(name)).task(TaskFolder.yaml(model, model, ""));
        Path db = taskFile.resolveSibling(".gradsum/gradsum.db");
        hold.accept(true);
        Process child = ResumeAfterKillTest.gradsum(taskFile, "optimize", taskFile.toString(),
                "--out", dir.resolve("runs").toString());
        awaitBatchStored(db, child);
        child.destroyForcibly();
        assertThat(ResumeAfterKillTest.finish(child)).as("killed by SIGKILL").isEqualTo(137);
        String runId = ResumeAfterKillTest.query(db, "SELECT id FROM runs");

        hold.accept(false);
        resumeSubmittingEachRequestOnce(taskFile, db, runId, submissions);
        assertThat(ResumeAfterKillTest.query(db, "SELECT count(*) FROM batches WHERE finished IS NULL")).isEqualTo("0");
    }

    @Test
    void an_openai_run_killed_right_after_the_provider_accepted_its_batch_finds_it_by_its_token_and_submits_it_once()
            throws Exception {
        OpenAiBatchesWire batches = stub.openAiBatches();
        String openAi = openAiBatches();
        killRightAfterCreateThenResume("accepted-openai", openAi, v -> batches.hold = v, r -> batches.afterCreate = r,
                batches::batches, batches::submissionsPerRequest, "batch_stub2");
    }

    @Test
    void a_gemini_run_killed_right_after_the_provider_accepted_its_batch_finds_it_by_its_display_name_and_submits_it_once()
            throws Exception {
        GeminiBatchesWire batches = stub.geminiBatches();
        String gemini = geminiBatches();
        killRightAfterCreateThenResume("accepted-gemini", gemini, v -> batches.hold = v, r -> batches.afterCreate = r,
                batches::batches, batches::submissionsPerRequest, "batches/stub1");
    }

    /**
     * Kills the process inside the provider's handling of its first create request: the batch exists at the
     * provider, its id never reaches the store (only the intent does); {@code --resume} then finds the batch
     * by its token, and the stub counts one submission per request.
     */
    private void killRightAfterCreateThenResume(String name, String model, java.util.function.Consumer<Boolean> hold,
                                                java.util.function.Consumer<Runnable> afterCreate,
                                                java.util.function.IntSupplier created,
                                                Supplier<java.util.Map<String, Integer>> submissions,
                                                String firstBatchId) throws Exception {
        Path taskFile = new TaskFolder(dir.resolve(name)).task(TaskFolder.yaml(model, model, ""));
        Path db = taskFile.resolveSibling(".gradsum/gradsum.db");
        AtomicReference<Process> running = new AtomicReference<>();
        hold.accept(true);
        afterCreate.accept(() -> { // the provider has the batch; the process dies before it hears so
            afterCreate.accept(() -> { });
            Process p = running.get();
            p.destroyForcibly();
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Process child = ResumeAfterKillTest.gradsum(taskFile, "optimize", taskFile.toString(),
                "--out", dir.resolve("runs").toString());
        running.set(child);
        assertThat(ResumeAfterKillTest.finish(child)).as("killed by SIGKILL").isEqualTo(137);
        assertThat(created.getAsInt()).isEqualTo(1);
        assertThat(ResumeAfterKillTest.query(db, "SELECT count(*) FROM batches")).as("the id never reached the store")
                .isEqualTo("0");
        assertThat(ResumeAfterKillTest.query(db, "SELECT count(*) FROM batch_intents")).isEqualTo("1");
        String runId = ResumeAfterKillTest.query(db, "SELECT id FROM runs");

        hold.accept(false);
        resumeSubmittingEachRequestOnce(taskFile, db, runId, submissions);
        assertThat(ResumeAfterKillTest.query(db, "SELECT count(*) FROM batch_intents")).isEqualTo("0");
        assertThat(ResumeAfterKillTest.query(db, "SELECT batch_id FROM batches ORDER BY submitted LIMIT 1"))
                .as("the batch the dead process created, found by its token").isEqualTo(firstBatchId);
    }

    /** Waits until the child has written its first batch to the store (so the kill cannot lose it). */
    private static void awaitBatchStored(Path db, Process child) throws Exception {
        awaitBatchesStored(db, child, 1);
    }

    /** Waits until the child has written {@code batches} batches to the store. */
    private static void awaitBatchesStored(Path db, Process child, int batches) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && child.isAlive()) {
            if (Files.exists(db)) {
                try {
                    if (Integer.parseInt(ResumeAfterKillTest.query(db, "SELECT count(*) FROM batches")) >= batches) {
                        return;
                    }
                } catch (java.sql.SQLException e) {
                    // the table is not there yet (the store is being created)
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the child wrote no batch in time");
    }
}
