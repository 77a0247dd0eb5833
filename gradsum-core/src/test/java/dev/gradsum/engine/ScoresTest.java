package dev.gradsum.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.metric.Score;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.modules.Generation;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.ScoredCandidate;
import dev.gradsum.search.TestScore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A score with no rated row is no score (issue 10, item 2): never a 0 that could win the beam. */
class ScoresTest {
    private static Evaluation row(String id, Score score) {
        return new Evaluation(new Generation(new Example(id, Map.of("q", id)), "p", "a", null), score);
    }

    private static List<Evaluation> failed(int rows) {
        List<Evaluation> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) out.add(row("r" + i, Score.error("judge call failed")));
        return out;
    }

    private static Candidate candidate(String id, String prompt) {
        return new Candidate(id, PromptTemplate.of(prompt), null, 0, null);
    }

    @Test
    void a_candidate_with_no_rated_row_has_no_score_and_never_beats_one_that_scored_zero() {
        ScoredCandidate unrated = Scores.scored(candidate("c1", "short"), failed(3));
        ScoredCandidate zero = Scores.scored(candidate("c2", "a longer prompt"),
                List.of(row("r0", Score.fail("no")), row("r1", Score.error("judge call failed"))));

        assertThat(unrated.hasScore()).isFalse();
        assertThat(unrated.score()).isNaN();
        assertThat(unrated.errors()).isEqualTo(3);
        assertThat(zero.hasScore()).isTrue();
        assertThat(zero.score()).isZero();
        List<ScoredCandidate> ranked = new ArrayList<>(List.of(unrated, zero));
        ranked.sort(Ranking.BEST_FIRST);
        assertThat(ranked).extracting(s -> s.candidate().id()).containsExactly("c2", "c1");
    }

    @Test
    void a_stored_zero_with_no_rated_row_reads_as_no_score() {
        assertThat(new ScoredCandidate(candidate("c0", "p"), 0.0, 0, 5).score()).isNaN();
    }

    @Test
    void a_test_where_no_row_was_rated_for_both_prompts_has_no_scores() {
        FinalTest finalTest = new FinalTest(null, null, null, new PairedBootstrap(50, 1), 1);
        List<Evaluation> initial = List.of(row("r0", Score.pass("ok")), row("r1", Score.error("judge call failed")));
        List<Evaluation> best = List.of(row("r0", Score.error("judge call failed")), row("r1", Score.pass("ok")));

        TestScore t = finalTest.compare(initial, best);

        assertThat(t.rows()).isZero();
        assertThat(t.initial()).isNaN();
        assertThat(t.best()).isNaN();
        assertThat(t.difference()).isNaN();
        assertThat(t.low()).isNaN();
        assertThat(t.high()).isNaN();
        assertThat(t.initialErrors()).isEqualTo(1);
        assertThat(t.bestErrors()).isEqualTo(1);
    }
}
