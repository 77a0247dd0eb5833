package dev.gradsum.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.data.Example;
import dev.gradsum.metric.Score;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.modules.Generation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AcceptanceTest {
    /** One evaluation per row: 1 passes, 0 fails, -1 could not be rated. */
    static List<Evaluation> rows(int... values) {
        List<Evaluation> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Example row = new Example("val-" + i, Map.of("q", "val-" + i));
            Score score = values[i] < 0 ? Score.error("no verdict") : values[i] == 1 ? Score.pass("") : Score.fail("");
            out.add(new Evaluation(new Generation(row, "", "", null), score));
        }
        return out;
    }

    private static int[] repeat(int value, int times) {
        int[] out = new int[times];
        java.util.Arrays.fill(out, value);
        return out;
    }

    private static int[] join(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private final Acceptance test = new Acceptance(0.9, 2000, 0);

    @Test
    void a_child_winning_one_row_of_twenty_wins_by_noise_and_is_rejected() {
        List<Evaluation> parent = rows(repeat(0, 20));
        List<Evaluation> child = rows(join(new int[] {1}, repeat(0, 19)));

        assertThat(test.accepts(child, parent)).isFalse();
        // without the test, the same child is accepted (the paper's rule: the higher mean wins)
        assertThat(new Acceptance(0, 2000, 0).accepts(child, parent)).isTrue();
    }

    @Test
    void a_child_better_on_most_rows_and_worse_on_none_is_accepted() {
        assertThat(test.accepts(rows(join(repeat(1, 12), repeat(0, 8))), rows(repeat(0, 20)))).isTrue();
    }

    @Test
    void wins_cancelled_by_losses_are_rejected_and_so_is_an_equal_child() {
        List<Evaluation> parent = rows(join(repeat(1, 5), repeat(0, 15)));
        List<Evaluation> child = rows(join(repeat(0, 5), join(repeat(1, 6), repeat(0, 9))));

        assertThat(test.accepts(child, parent)).isFalse();
        assertThat(test.accepts(parent, parent)).isFalse();
    }

    @Test
    void only_rows_rated_for_both_are_paired_and_none_shows_nothing() {
        assertThat(Acceptance.differences(rows(1, -1, 1), rows(0, 0, -1))).containsExactly(1);
        assertThat(test.accepts(rows(-1, -1), rows(0, 0))).isFalse();
    }
}
