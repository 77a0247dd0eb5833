package dev.gradsum.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SuccessiveHalvingTest {
    @Test
    void nine_children_keeping_three_on_forty_rows_answer_ten_then_twenty_then_forty_rows() {
        assertThat(SuccessiveHalving.rungRows(9, 3, 40)).containsExactly(10, 20, 40);
        // 9 x 10 + 5 x 10 + 3 x 20, instead of 9 x 40
        assertThat(SuccessiveHalving.ratings(9, 3, 40)).isEqualTo(200);
    }

    @Test
    void no_halving_when_the_children_are_no_more_than_the_beam() {
        assertThat(SuccessiveHalving.rungRows(3, 3, 40)).containsExactly(40);
        assertThat(SuccessiveHalving.ratings(3, 3, 40)).isEqualTo(120);
        assertThat(SuccessiveHalving.ratings(0, 3, 40)).isZero();
    }

    @Test
    void the_first_slice_keeps_at_least_one_row() {
        assertThat(SuccessiveHalving.rungRows(16, 1, 2)).containsExactly(1, 2);
        assertThat(SuccessiveHalving.ratings(16, 1, 2)).isEqualTo(16 + 8);
    }
}
