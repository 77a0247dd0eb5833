package dev.gradsum.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.data.PromptTemplate;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.gradsum.recording.RunRecording;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.Iteration;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.ScoredCandidate;
import dev.gradsum.search.StopReason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store keeps which tokens were estimated and which calls unpriced (schema version 3), so outputs made again say so. */
class UsageEstimatesStoreTest {
    private static final Candidate C0 = new Candidate("c0", PromptTemplate.of("Answer {q}"), null, 0, null);

    @TempDir
    Path dir;

    @Test
    void estimated_and_unpriced_calls_are_read_back_as_the_run_counted_them() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"))) {
            RunRecording rec = store.start("r1", "math", "{}");
            Iteration it = new Iteration(1, Map.of(), Map.of(), Map.of(), List.of(new ScoredCandidate(C0, 0.5, 4, 0)),
                    List.of("c0"), List.of(), true);
            Usage target = new Usage(10, 2, 1, 0, 100, 50, 0.0, 10, 10);
            Usage judge = new Usage(5, 0, 0, 0, 40, 20, 0.01, 0, 0);
            OptimizationResult result = new OptimizationResult(C0, C0, null, List.of(it), List.of(C0),
                    StopReason.COMPLETED, Map.of(Role.TARGET, target, Role.JUDGE, judge), target.plus(judge),
                    Duration.ofSeconds(1));

            rec.finished(result);

            RunDetails details = store.run("r1").orElseThrow();
            assertThat(details.usage()).isEqualTo(target.plus(judge));
            assertThat(details.usage().tokensEstimated()).isTrue();
            assertThat(details.usage().costUnknown()).isTrue();
        }
    }
}
