package dev.gradsum.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.recording.RunRecording;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewRunIdTest {
    @TempDir
    Path dir;

    @Test
    void a_new_run_never_takes_an_id_the_store_already_has() {
        Instant t = Instant.parse("2026-11-25T04:00:00Z");
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"))) {
            assertThat(store.startNew("r1", "task", "{}", t)).isPresent();
            assertThat(store.startNew("r1", "task", "{}", t)).isEmpty();
            assertThat(store.run("r1").orElseThrow().attempts()).isEqualTo(1);
        }
    }

    @Test
    void two_stores_on_one_file_racing_for_the_same_id_give_it_to_exactly_one() throws Exception {
        Instant t = Instant.parse("2026-11-25T04:00:00Z");
        Path db = dir.resolve("s.db");
        SqliteStore.open(db).close();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (SqliteStore a = SqliteStore.open(db); SqliteStore b = SqliteStore.open(db)) {
            for (int round = 0; round < 20; round++) {
                String id = "run-" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Optional<RunRecording>>> racers = new ArrayList<>();
                for (SqliteStore s : List.of(a, b)) {
                    racers.add(pool.submit(() -> {
                        go.await();
                        return s.startNew(id, "task", "{}", t);
                    }));
                }
                go.countDown();
                int winners = 0;
                for (Future<Optional<RunRecording>> f : racers) {
                    winners += f.get().isPresent() ? 1 : 0;
                }
                assertThat(winners).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
