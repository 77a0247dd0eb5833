package dev.gradsum.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradsum.search.Iteration;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.ScoredCandidate;
import dev.gradsum.search.TestScore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 2: a score with no rated row is "–" in the report and null in result.json; a score on
 * part of its rows says so.
 */
class UnratedScoresTest {
    private final SyntheticRun run = new SyntheticRun();
    @TempDir Path dir;

    /** c0 had no rated validation row, c5 was rated on 28 of 30; no test row was rated for both prompts. */
    private OptimizationResult unrated() {
        OptimizationResult r = run.result();
        Iteration it = new Iteration(1, Map.of("c0", 0.40), Map.of(), Map.of(),
                List.of(new ScoredCandidate(run.c5, 0.7333, 28, 2), new ScoredCandidate(run.c0, 0.0, 0, 30)),
                List.of("c5", "c0"), List.of(), true);
        return new OptimizationResult(r.initial(), r.best(), new TestScore(0, 0.0, 0.0, 0.0, 0.0, 6, 6), List.of(it),
                r.candidates(), r.stopReason(), r.usage(), r.total(), r.elapsed());
    }

    @Test
    void scores_read_as_a_dash_or_with_the_rows_they_stand_on() {
        assertThat(ScoreText.of(Double.NaN)).isEqualTo("–");
        assertThat(ScoreText.of((Double) null)).isEqualTo("–");
        assertThat(ScoreText.of(0.0)).isEqualTo("0.000");
        assertThat(ScoreText.onRows(0.7333, 28, 2)).isEqualTo("0.733 on 28/30 rows, 2 failed");
        assertThat(ScoreText.onRows(0.7333, 30, 0)).isEqualTo("0.733");
        assertThat(ScoreText.onRows(Double.NaN, 0, 30)).isEqualTo("– on 0/30 rows, 30 failed");
    }

    @Test
    void result_json_writes_null_for_scores_with_no_rated_row() throws Exception {
        RunOutputs.write(dir, run.info(null), unrated(), run.tests());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("result.json").toFile());

        assertThat(json.at("/test/rows").asInt()).isZero();
        assertThat(json.at("/test/initial").isNull()).isTrue();
        assertThat(json.at("/test/best").isNull()).isTrue();
        assertThat(json.at("/test/difference").isNull()).isTrue();
        assertThat(json.at("/iterations/0/validation/1/score").isNull()).isTrue();
        assertThat(json.at("/iterations/0/validation/1/errors").asInt()).isEqualTo(30);
        assertThat(json.at("/iterations/0/validation/0/score").asDouble()).isEqualTo(0.7333);
    }

    @Test
    void the_report_shows_a_dash_for_no_score_and_the_rows_of_a_partial_one() throws Exception {
        RunOutputs.Written written = RunOutputs.write(dir, run.info(null), unrated(), run.tests());
        String html = Files.readString(written.reportHtml(), StandardCharsets.UTF_8);

        assertThat(html).contains("– → –");
        assertThat(html).contains("validation 0.733 on 28/30 rows, 2 failed");
        assertThat(html).contains("validation – on 0/30 rows, 30 failed");
        assertThat(html).doesNotContain("0.000 → 0.000");
    }
}
