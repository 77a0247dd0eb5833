package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 2: a real {@code gradsum optimize} killed with SIGKILL while its validation batch runs at
 * the provider, then {@code --resume}d, polls that batch again and never submits one of its requests twice
 * (the Anthropic Message Batches stub counts each request's submissions).
 */
class BatchResumeAfterKillTest {
    @TempDir
    Path dir;
    ModelServerStub stub;

    @BeforeEach
    void start() throws IOException {
        stub = new ModelServerStub(TaskFolder.CAPITALS);
    }

    @AfterEach
    void stop() throws IOException {
        stub.close();
    }

    @Test
    void a_run_killed_while_its_batch_runs_resumes_by_polling_it_and_submits_each_request_once() throws Exception {
        String anthropic = "{provider: anthropic, model: claude-haiku-4-5, base_url: " + stub.baseUrl()
                + "/, api_key_env: STUB_KEY, batch: true, batch_poll_seconds: 0.05}";
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
        Process resumed = ResumeAfterKillTest.gradsum(taskFile, "optimize", "--resume", runId, "--store", db.toString(),
                "--out", dir.resolve("runs").toString());
        assertThat(ResumeAfterKillTest.finish(resumed)).as(Files.readString(ResumeAfterKillTest.err(taskFile))).isZero();

        assertThat(batches.submissionsPerRequest()).isNotEmpty()
                .allSatisfy((request, times) -> assertThat(times).as(request).isEqualTo(1));
        assertThat(batches.batchIds()).hasSizeGreaterThan(1); // later stages went on in new batches
        assertThat(ResumeAfterKillTest.query(db, "SELECT count(*) FROM batches WHERE finished IS NULL")).isEqualTo("0");
        assertThat(ResumeAfterKillTest.query(db, "SELECT status || ' ' || attempts FROM runs")).isEqualTo("finished 2");
    }

    @Test
    void optimize_stopped_with_ctrl_c_while_its_batch_runs_is_resumed_later_and_submits_each_request_once()
            throws Exception {
        String anthropic = "{provider: anthropic, model: claude-haiku-4-5, base_url: " + stub.baseUrl()
                + "/, api_key_env: STUB_KEY, batch: true, batch_poll_seconds: 0.05}";
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
        Process resumed = ResumeAfterKillTest.gradsum(taskFile, "optimize", "--resume", runId, "--store", db.toString(),
                "--out", dir.resolve("runs").toString());
        assertThat(ResumeAfterKillTest.finish(resumed)).as(Files.readString(ResumeAfterKillTest.err(taskFile))).isZero();
        assertThat(batches.submissionsPerRequest()).isNotEmpty()
                .allSatisfy((request, times) -> assertThat(times).as(request).isEqualTo(1));
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
