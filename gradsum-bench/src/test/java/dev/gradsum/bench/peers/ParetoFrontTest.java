package dev.gradsum.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** GEPA's Pareto-front parent selection on a hand-made score table. */
class ParetoFrontTest {
    // rows:                         r0 r1 r2 r3 r4
    private static final List<double[]> SCORES = List.of(
            new double[] {1, 0, 0, 0, 0},   // c0: wins r0, but c2 wins r0 too and more: dominated
            new double[] {0, 1, 1, 0, 0},   // c1: wins r1, r2
            new double[] {1, 0, 0, 1, 0},   // c2: wins r0, r3
            new double[] {0, 1, 0, 0, 0},   // c3: wins r1, dominated by c1
            new double[] {0, 0, 0, 0, 0});  // c4: wins nothing; r4 decides nothing (everyone fails)

    @Test
    void the_front_keeps_only_candidates_that_win_rows_no_other_covers() {
        assertThat(ParetoFront.won(SCORES, 1)).containsExactly(1, 2);
        assertThat(ParetoFront.won(SCORES, 4)).isEmpty();
        assertThat(ParetoFront.front(SCORES)).containsExactly(1, 2);
    }

    @Test
    void parents_are_drawn_in_proportion_to_rows_won() {
        Random random = new Random(3);
        int[] drawn = new int[SCORES.size()];
        for (int i = 0; i < 4000; i++) {
            drawn[ParetoFront.select(SCORES, random)]++;
        }
        assertThat(drawn[0] + drawn[3] + drawn[4]).isZero();
        assertThat(drawn[1] / 4000.0).isBetween(0.45, 0.55);
        assertThat(drawn[2] / 4000.0).isBetween(0.45, 0.55);
    }

    @Test
    void two_candidates_winning_the_same_rows_keep_the_older() {
        List<double[]> tie = List.of(new double[] {0, 1}, new double[] {0, 1});
        assertThat(ParetoFront.front(tie)).containsExactly(0);
    }

    @Test
    void with_no_row_won_the_best_mean_is_chosen() {
        List<double[]> none = List.of(new double[] {0, 0}, new double[] {0, 0});
        assertThat(ParetoFront.select(none, new Random(1))).isZero();
    }
}
