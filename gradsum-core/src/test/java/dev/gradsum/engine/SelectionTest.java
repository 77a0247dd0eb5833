package dev.gradsum.engine;

import static dev.gradsum.engine.AcceptanceTest.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.data.PromptTemplate;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.ScoredCandidate;
import dev.gradsum.search.SearchOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SelectionTest {
    private final Map<String, List<Evaluation>> validation = new HashMap<>();
    private final Function<Candidate, List<Evaluation>> rated = c -> validation.get(c.id());

    private Candidate candidate(String id, String parent, int... rows) {
        Candidate c = new Candidate(id, PromptTemplate.of("prompt " + id + " {q}"), parent, parent == null ? 0 : 1, null);
        if (rows.length > 0) {
            validation.put(c.id(), rows(rows));
        }
        return c;
    }

    private List<ScoredCandidate> scored(Candidate... candidates) {
        List<ScoredCandidate> out = new ArrayList<>();
        for (Candidate c : candidates) {
            out.add(Scores.scored(c, validation.get(c.id())));
        }
        return out;
    }

    private static SearchOptions pareto(int beam, long seed) {
        return SearchOptions.builder().selection(SearchOptions.Selection.PARETO).beamSize(beam).seed(seed).build();
    }

    @Test
    void the_pareto_pool_keeps_the_front_best_first_and_drops_dominated_candidates() {
        Candidate c0 = candidate("c0", null, 1, 0, 0, 0);
        Candidate c1 = candidate("c1", "c0", 1, 1, 0, 0); // dominates c0
        Candidate c2 = candidate("c2", "c0", 0, 0, 1, 0); // best on row 2 alone
        Candidate c3 = candidate("c3", "c0", 0, 0, 0, 0); // best on row 3 (everyone ties at 0), dominated by c1

        Selection.Outcome o = new Selection(pareto(2, 0)).survive(List.of(c0), scored(c0, c1, c2, c3), rated);

        assertThat(o.beam()).containsExactly("c1", "c2");
        assertThat(o.scored()).extracting(s -> s.candidate().id()).startsWith("c1");
        assertThat(o.improved()).isTrue();
    }

    @Test
    void the_best_by_mean_stays_in_the_pool_though_it_wins_no_row() {
        // a 1..N judge can give 0.6 on both rows: the best mean, yet best on no row
        Candidate c0 = candidate("c0", null, 1, 0);
        Candidate c1 = candidate("c1", "c0", 0, 1);
        Candidate c2 = candidate("c2", "c0");
        validation.put("c2", rows(0, 0).stream().map(row -> scaled(row, 0.6)).toList());

        Selection.Outcome o = new Selection(pareto(3, 0)).survive(List.of(c0), scored(c0, c1, c2), rated);

        assertThat(o.beam()).containsExactly("c2", "c0", "c1");
    }

    private static Evaluation scaled(Evaluation row, double value) {
        return new Evaluation(row.generation(), new dev.gradsum.metric.Score(value, false, "", false));
    }

    @Test
    void pareto_draws_beam_size_distinct_parents_weighted_by_rows_won_and_replays_per_seed() {
        // c0 wins 6 rows, c1 wins 3, c2 wins 1
        Candidate c0 = candidate("c0", null, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0);
        Candidate c1 = candidate("c1", "c0", 0, 0, 0, 0, 0, 0, 1, 1, 1, 0);
        Candidate c2 = candidate("c2", "c0", 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        List<Candidate> pool = List.of(c0, c1, c2);
        Map<String, Integer> drawn = new HashMap<>();
        for (int iteration = 1; iteration <= 3000; iteration++) {
            List<Candidate> parents = new Selection(pareto(1, 7)).parents(iteration, pool, rated);
            assertThat(parents).hasSize(1);
            drawn.merge(parents.get(0).id(), 1, Integer::sum);
        }
        assertThat(drawn.get("c0") / 3000.0).isCloseTo(0.6, org.assertj.core.data.Offset.offset(0.04));
        assertThat(drawn.get("c1") / 3000.0).isCloseTo(0.3, org.assertj.core.data.Offset.offset(0.04));
        assertThat(drawn.get("c2") / 3000.0).isCloseTo(0.1, org.assertj.core.data.Offset.offset(0.03));

        List<List<String>> first = new ArrayList<>();
        List<List<String>> again = new ArrayList<>();
        List<List<String>> otherSeed = new ArrayList<>();
        for (int iteration = 1; iteration <= 20; iteration++) {
            first.add(ids(new Selection(pareto(2, 7)).parents(iteration, pool, rated)));
            again.add(ids(new Selection(pareto(2, 7)).parents(iteration, pool, rated)));
            otherSeed.add(ids(new Selection(pareto(2, 8)).parents(iteration, pool, rated)));
        }
        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        assertThat(first).allSatisfy(p -> assertThat(p).hasSize(2).doesNotHaveDuplicates());
    }

    @Test
    void a_pool_no_larger_than_the_beam_is_expanded_whole_and_beam_selection_always_expands_the_beam() {
        Candidate c0 = candidate("c0", null, 1, 0);
        Candidate c1 = candidate("c1", "c0", 0, 1);
        Candidate c2 = candidate("c2", "c0", 0, 0);
        assertThat(new Selection(pareto(3, 0)).parents(1, List.of(c0, c1), rated)).containsExactly(c0, c1);
        assertThat(new Selection(SearchOptions.builder().beamSize(1).build()).parents(1, List.of(c0, c1, c2), rated))
                .containsExactly(c0, c1, c2);
    }

    @Test
    void weighted_draws_never_repeat_an_item() {
        List<String> items = List.of("a", "b", "c", "d");
        for (int s = 0; s < 100; s++) {
            assertThat(Selection.draw(items, new double[] {100, 1, 1, 1}, 3, new SplittableRandom(s)))
                    .hasSize(3).doesNotHaveDuplicates();
        }
    }

    @Test
    void with_min_confidence_a_child_that_wins_by_noise_stays_out_of_the_beam_and_is_no_improvement() {
        SearchOptions options = SearchOptions.builder().beamSize(2).minConfidence(0.9).build();
        Candidate c0 = candidate("c0", null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        Candidate c1 = candidate("c1", "c0", 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        Selection.Outcome o = new Selection(options).survive(List.of(c0), scored(c0, c1), rated);

        assertThat(o.beam()).containsExactly("c0");
        assertThat(o.improved()).isFalse();
        // the higher mean is still listed, after the candidates that could survive
        assertThat(o.scored()).extracting(s -> s.candidate().id()).containsExactly("c0", "c1");
        // without the test the same child takes the lead
        assertThat(new Selection(SearchOptions.builder().beamSize(2).build()).survive(List.of(c0), scored(c0, c1), rated).beam())
                .containsExactly("c1", "c0");
    }

    @Test
    void a_child_stopped_early_by_halving_cannot_survive() {
        Candidate c0 = candidate("c0", null, 0, 0, 0, 0);
        Candidate c1 = candidate("c1", "c0");
        List<ScoredCandidate> scored = new ArrayList<>(scored(c0));
        scored.add(Scores.scored(c1, rows(1))); // rated on the first row only

        Selection.Outcome o = new Selection(SearchOptions.builder().beamSize(2).build()).survive(List.of(c0), scored, rated);

        assertThat(o.beam()).containsExactly("c0");
        assertThat(o.scored()).extracting(s -> s.candidate().id()).containsExactly("c0", "c1");
        assertThat(o.improved()).isFalse();
    }

    private static List<String> ids(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::id).toList();
    }
}
