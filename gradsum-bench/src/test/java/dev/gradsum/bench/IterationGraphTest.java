package dev.gradsum.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The ideal of one optimize iteration: its chain of levels, each max(depth, ⌈requests/C⌉)·L, against the work bound. */
class IterationGraphTest {
    private static final double L = 200;

    @Test
    void each_level_takes_its_longest_chain_or_its_requests_spread_over_the_slots() {
        // m = 30 judged rows (60 requests) and 25 gradients; 1 summary, 1 edit, no repair; 3 children × 30 rows
        IterationGraph g = new IterationGraph(60, 25, 1, 1, 0, 180, true, 60 + 25 + 2 + 180 + 60);

        assertThat(g.levels()).extracting(IterationGraph.Level::calls).containsExactly(85L, 1L, 1L, 0L, 180L);
        assertThat(g.levels()).extracting(IterationGraph.Level::depth).containsExactly(3, 1, 1, 1, 2);
        // C = 32: ⌈85/32⌉ = 3 = 3 chains deep → 600; 200; 200; 0; 180/32 = 5.625, so 6 rounds → 1200
        assertThat(g.chainBoundMillis(32, L)).isCloseTo(600 + 200 + 200 + 1200, within(1e-9));
        // work: ⌈327/32⌉ = 11 rounds of 200
        assertThat(g.workBoundMillis(32, L)).isCloseTo(2200, within(1e-9));
        assertThat(g.idealMillis(32, L)).isCloseTo(2200, within(1e-9));
    }

    @Test
    void with_few_slots_the_work_bound_decides_and_without_failures_the_minibatch_is_two_deep() {
        IterationGraph g = new IterationGraph(60, 0, 0, 0, 0, 0, true, 120);

        assertThat(g.levels().get(0).depth()).isEqualTo(2);
        // C = 8: 60/8 = 7.5, so 8 rounds of L; the initial prompt's floating validation makes the work 120/8 = 15
        assertThat(g.chainBoundMillis(8, L)).isCloseTo(1600, within(1e-9));
        assertThat(g.idealMillis(8, L)).isCloseTo(3000, within(1e-9));
    }

    @Test
    void a_metric_rates_without_a_judge_so_a_row_is_one_request_deep() {
        IterationGraph g = new IterationGraph(30, 10, 1, 1, 2, 90, false, 30 + 10 + 4 + 90 + 30);

        assertThat(g.levels()).extracting(IterationGraph.Level::depth).containsExactly(2, 1, 1, 1, 1);
        // 40/64 < 2 → 400; 200; 200; 200; 90/64 = 1.4, so 2 rounds → 400
        assertThat(g.chainBoundMillis(64, L)).isCloseTo(400 + 200 + 200 + 200 + 400, within(1e-9));
    }
}
