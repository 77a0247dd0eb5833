package dev.gradsum.engine;

import static dev.gradsum.engine.LoopFixture.builder;
import static dev.gradsum.engine.LoopFixture.optimizer;
import static dev.gradsum.engine.LoopFixture.split;
import static dev.gradsum.engine.LoopFixture.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.modules.Evaluation;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.Iteration;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.SearchOptions;
import dev.gradsum.testing.ScriptedChatModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The search's options beyond the paper, end to end on the scripted loop world ({@link LoopFixture}:
 * each '!' in a prompt makes it right on one more row difficulty).
 */
class SearchBeyondPaperTest {
    /** Target calls on validation rows whose prompt is exactly {@code prompt} with the row filled in. */
    private static long validationCalls(ScriptedChatModel target, String prompt) {
        String[] parts = prompt.split("\\{q\\}", -1);
        return target.calls().stream().map(ScriptedChatModel.Call::text)
                .filter(t -> t.matches(java.util.regex.Pattern.quote(parts[0]) + "val-\\d+"
                        + java.util.regex.Pattern.quote(parts[1])))
                .count();
    }

    @Test
    void the_minibatch_gate_stops_a_child_worse_on_its_parents_minibatch_before_validation() {
        ScriptedChatModel target = target();
        List<String> purposes = new ArrayList<>();
        SearchListener listener = new SearchListener() {
            @Override
            public void evaluated(int iteration, Candidate candidate, String purpose, List<Evaluation> evaluations) {
                synchronized (purposes) {
                    purposes.add(candidate.id() + " " + purpose + " " + evaluations.size());
                }
            }
        };
        // parent has two '!': c1 loses one (worse on the minibatch), c2 gains one (better)
        OptimizationResult r = builder(target, optimizer(p -> List.of(p.replaceFirst("!", ""), p + "!")), split(5, 5, 5))
                .task(LoopFixture.task("Answer {q}!!")).minibatchGate(true).iterations(1).listener(listener)
                .build().optimize();

        Iteration it = r.iterations().get(0);
        assertThat(it.scored()).extracting(s -> s.candidate().id()).containsExactly("c2", "c0");
        assertThat(it.dropped()).singleElement().asString()
                .startsWith("c0: c1 stopped by the minibatch gate: 0.200 on c0's minibatch, below its 0.400");
        assertThat(validationCalls(target, "Answer {q}!")).isZero();
        assertThat(validationCalls(target, "Answer {q}!!!")).isEqualTo(5);
        assertThat(purposes).contains("c1 gate 5", "c2 gate 5", "c2 validation 5").doesNotContain("c1 validation 5");
        assertThat(r.best().id()).isEqualTo("c2");
    }

    @Test
    void without_the_gate_the_worse_child_is_validated_as_in_the_paper() {
        ScriptedChatModel target = target();
        builder(target, optimizer(p -> List.of(p.replaceFirst("!", ""), p + "!")), split(5, 5, 5))
                .task(LoopFixture.task("Answer {q}!!")).iterations(1).build().optimize();

        assertThat(validationCalls(target, "Answer {q}!")).isEqualTo(5);
    }

    @Test
    void successive_halving_rates_fewer_rows_and_the_true_best_child_survives() {
        ScriptedChatModel target = target();
        // beam 1, four children of quality 1, 2, 3 and 0 on 8 validation rows: rungs of 2, 4 and 8 rows
        OptimizationResult r = builder(target, optimizer(p -> List.of(p + "!", p + "!!", p + "!!!", p + "?")),
                        split(5, 8, 5))
                .beamSize(1).candidatesPerPrompt(4).validation(SearchOptions.Validation.HALVING).iterations(1)
                .build().optimize();

        long validation = target.calls().stream().filter(c -> c.text().contains("val-")).count();
        // c0 on all 8 rows; children 4 x 2 + 2 x 2 + 1 x 4 = 16, instead of 4 x 8 = 32
        assertThat(validation).isEqualTo(8 + 16);
        assertThat(validation).isEqualTo(8 + SuccessiveHalving.ratings(4, 1, 8));
        assertThat(r.best().prompt().text()).isEqualTo("Answer {q}!!!");
        Iteration it = r.iterations().get(0);
        assertThat(it.beam()).containsExactly(r.best().id());
        // the children stopped early come last, with the rows they answered
        assertThat(it.scored().subList(2, 5)).allSatisfy(s -> assertThat(s.rated()).isLessThan(8));
    }

    @Test
    void min_confidence_keeps_a_child_that_is_only_slightly_better_out_and_lets_a_clear_win_in() {
        // on 10 validation rows "!" is right on the 2 rows of difficulty 0, "!!!!" on 8
        OptimizationResult slight = builder(target(), optimizer(p -> List.of(p + "!")), split(5, 10, 5))
                .minConfidence(0.95).iterations(2).patience(1).build().optimize();
        OptimizationResult clear = builder(target(), optimizer(p -> List.of(p + "!!!!")), split(5, 10, 5))
                .minConfidence(0.95).iterations(1).build().optimize();
        OptimizationResult paper = builder(target(), optimizer(p -> List.of(p + "!")), split(5, 10, 5))
                .iterations(1).build().optimize();

        assertThat(slight.iterations().get(0).beam()).containsExactly("c0");
        assertThat(slight.iterations().get(0).improved()).isFalse();
        assertThat(slight.best().id()).isEqualTo("c0");
        assertThat(slight.stopReason()).isEqualTo(dev.gradsum.search.StopReason.NO_IMPROVEMENT);
        assertThat(clear.best().prompt().text()).isEqualTo("Answer {q}!!!!");
        assertThat(clear.iterations().get(0).improved()).isTrue();
        assertThat(paper.best().prompt().text()).isEqualTo("Answer {q}!");
        assertThat(paper.iterations().get(0).improved()).isTrue();
    }

    @Test
    void pareto_selection_keeps_specialists_that_a_beam_of_one_would_drop() {
        OptimizationResult pareto = specialists(SearchOptions.Selection.PARETO, 1, 1);
        OptimizationResult beam = specialists(SearchOptions.Selection.BEAM, 1, 1);

        // c1 is right on rows 0, 3, 6; c2 on rows 1, 4, 7: neither dominates the other, both dominate c0
        assertThat(pareto.iterations().get(0).beam()).containsExactly("c1", "c2");
        assertThat(beam.iterations().get(0).beam()).containsExactly("c1");
        assertThat(pareto.best().id()).isEqualTo(pareto.iterations().get(pareto.iterations().size() - 1).beam().get(0));
    }

    @Test
    void pareto_selection_expands_beam_size_parents_drawn_from_the_pool_and_replays_for_a_seed() {
        List<List<String>> first = parents(specialists(SearchOptions.Selection.PARETO, 1, 4));
        List<List<String>> again = parents(specialists(SearchOptions.Selection.PARETO, 1, 4));

        assertThat(again).isEqualTo(first);
        assertThat(first).hasSize(4).allSatisfy(p -> assertThat(p).hasSize(1));
        List<Set<String>> draws = new ArrayList<>();
        for (long seed = 0; seed < 8; seed++) {
            draws.add(Set.copyOf(parents(specialists(SearchOptions.Selection.PARETO, seed, 2)).get(1)));
        }
        // iteration 2 draws one of the two specialists; over seeds, both are drawn
        assertThat(draws).containsOnly(Set.of("c1"), Set.of("c2")).contains(Set.of("c1"), Set.of("c2"));
    }

    /** Per iteration, the ids of the parents expanded (those that answered a training minibatch). */
    private static List<List<String>> parents(OptimizationResult r) {
        return r.iterations().stream().map(it -> it.trainScores().keySet().stream().sorted().toList()).toList();
    }

    private static final java.util.regex.Pattern ROW = java.util.regex.Pattern.compile("(?:train|val|test)-(\\d+)");

    /**
     * A world of specialists: a prompt holding the marker [rK] is right on the rows whose number is K mod 3;
     * the editor adds a marker the parent lacks (two children, K ascending).
     */
    private static OptimizationResult specialists(SearchOptions.Selection selection, long seed, int iterations) {
        ScriptedChatModel target = new ScriptedChatModel("target", call -> {
            java.util.regex.Matcher m = ROW.matcher(call.text());
            return m.find() && call.text().contains("[r" + Integer.parseInt(m.group(1)) % 3 + "]") ? "ok" : "no";
        });
        ScriptedChatModel optimizer = optimizer(p -> {
            List<String> children = new ArrayList<>();
            for (int k = 0; k < 3 && children.size() < 2; k++) {
                if (!p.contains("[r" + k + "]")) {
                    children.add(p + " [r" + k + "]");
                }
            }
            return children.isEmpty() ? List.of(p + " again") : children;
        });
        return builder(target, optimizer, split(6, 9, 3)).selection(selection).beamSize(1).candidatesPerPrompt(2)
                .iterations(iterations).patience(iterations).seed(seed).build().optimize();
    }
}
