package dev.gradsum.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.llm.LlmReply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreConcurrencyTest {
    private static final int PER_WRITER = 200;

    @TempDir
    Path dir;

    @Test
    void two_processes_and_two_threads_writing_one_store_at_once_lose_nothing_and_leave_it_intact() throws Exception {
        Path db = dir.resolve("shared/gradsum.db");
        List<Process> children = new ArrayList<>();
        for (String name : List.of("proc-a", "proc-b")) {
            children.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), StoreHammer.class.getName(),
                    db.toString(), name, String.valueOf(PER_WRITER))
                    .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start());
        }
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (String name : List.of("thread-a", "thread-b")) {
            Thread t = new Thread(() -> {
                try {
                    StoreHammer.hammer(db, name, PER_WRITER);
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) t.join(120_000);
        for (Process p : children) {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(java.nio.file.Files.readString(dir.resolve(
                    p == children.get(0) ? "proc-a.log" : "proc-b.log"))).isZero();
        }
        assertThat(failures).isEmpty();

        assertThat(MigrationsTest.query(db, "PRAGMA integrity_check")).isEqualTo("ok");
        try (SqliteStore store = SqliteStore.open(db)) {
            assertThat(store.stats().entries()).isEqualTo(4L * PER_WRITER);
            for (String name : List.of("proc-a", "proc-b", "thread-a", "thread-b")) {
                assertThat(store.get(name + "-" + PER_WRITER)).map(LlmReply::text).contains(name + " reply " + PER_WRITER);
                assertThat(store.spent(name).calls()).isEqualTo(PER_WRITER);
                assertThat(store.spent(name).cachedCalls()).isEqualTo(PER_WRITER);
                assertThat(store.run(name).orElseThrow().summary().status()).isEqualTo(RunStatus.FINISHED);
            }
        }
    }
}
