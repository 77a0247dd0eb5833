package dev.gradsum.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParetoFrontTest {
    private static Map<String, double[]> table(Object... idsAndRows) {
        Map<String, double[]> t = new LinkedHashMap<>();
        for (int i = 0; i < idsAndRows.length; i += 2) {
            t.put((String) idsAndRows[i], (double[]) idsAndRows[i + 1]);
        }
        return t;
    }

    private static double[] r(double... v) {
        return v;
    }

    @Test
    void each_member_wins_the_rows_it_is_best_on_ties_counting_for_every_tied_candidate() {
        Map<String, Integer> front = ParetoFront.of(table(
                "c0", r(1, 0, 0, 1),
                "c1", r(0, 1, 1, 0),
                "c2", r(1, 1, 0, 0)));

        // row 0: c0, c2; row 1: c1, c2; row 2: c1; row 3: c0
        assertThat(front).containsExactly(Map.entry("c0", 2), Map.entry("c1", 2), Map.entry("c2", 2));
    }

    @Test
    void a_dominated_candidate_leaves_the_pool_even_when_it_ties_for_best_on_a_row() {
        Map<String, Integer> front = ParetoFront.of(table(
                "c0", r(1, 0, 0),
                "c1", r(1, 1, 0),
                "c2", r(0, 0, 1)));

        // c0 ties c1 on row 0 but c1 is as good everywhere and better on row 1
        assertThat(front).containsOnlyKeys("c1", "c2");
        assertThat(front.get("c1")).isEqualTo(2);
    }

    @Test
    void a_candidate_best_on_no_row_is_not_in_the_front() {
        Map<String, Integer> front = ParetoFront.of(table(
                "c0", r(1, 0),
                "c1", r(0, 1),
                "c2", r(0.6, 0.6)));

        assertThat(front).containsOnlyKeys("c0", "c1");
    }

    @Test
    void equal_rows_do_not_dominate_each_other() {
        assertThat(ParetoFront.of(table("c0", r(1, 0), "c1", r(1, 0)))).containsOnlyKeys("c0", "c1");
    }

    @Test
    void an_unrated_row_is_below_every_score_and_a_row_nobody_could_be_rated_on_counts_for_no_one() {
        Map<String, Integer> front = ParetoFront.of(table(
                "c0", r(Double.NaN, 0, Double.NaN),
                "c1", r(0, Double.NaN, Double.NaN)));

        assertThat(front).containsExactly(Map.entry("c0", 1), Map.entry("c1", 1));
        assertThat(ParetoFront.dominates(r(0, 0), r(Double.NaN, 0), 2)).isTrue();
    }
}
