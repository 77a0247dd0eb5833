package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.search.TestScore;
import org.junit.jupiter.api.Test;

/** Issue 10, item 2: the closing test line never shows 0.000 for a score that has no rated row. */
class ResultSummaryTest {
    @Test
    void a_test_with_no_row_rated_for_both_prompts_shows_dashes_and_the_rows_left_out() {
        assertThat(ResultSummary.test(new TestScore(0, 0, 0, 0, 0, 30, 30))).isEqualTo(
                "Test (never seen during search): initial –, best –, no row could be rated for both prompts;"
                        + " left out as unrated: 30 row(s) of the initial prompt, 30 of the best.");
    }

    @Test
    void a_test_on_part_of_its_rows_says_how_many_were_left_out() {
        assertThat(ResultSummary.test(new TestScore(28, 0.5, 0.75, 0.1, 0.4, 2, 1))).isEqualTo(
                "Test (28 rows rated for both prompts, never seen during search; left out as unrated: 2 row(s) of the"
                        + " initial prompt, 1 of the best): initial 0.500, best 0.750, difference +0.250"
                        + " (95% interval +0.100 to +0.400).");
        assertThat(ResultSummary.test(new TestScore(6, 0.5, 0.75, 0.1, 0.4))).startsWith(
                "Test (6 rows rated for both prompts, never seen during search): initial 0.500");
    }
}
