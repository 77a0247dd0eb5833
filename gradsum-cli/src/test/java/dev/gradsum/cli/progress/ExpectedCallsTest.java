package dev.gradsum.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.engine.CallEstimate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live line's expected count: the plan's, corrected by the iterations finished and the running stage. */
class ExpectedCallsTest {
    /** Plan: 100..1000 calls; expected 100, 300 and 300 in the three iterations, 40 in the final test. */
    private static ExpectedCalls plan() {
        return new ExpectedCalls(new CallEstimate.Range(100, 1000),
                new CallEstimate.Expected(List.of(100L, 300L, 300L), 40));
    }

    @Test
    void before_anything_happened_it_is_the_plans_expected_count() {
        ExpectedCalls e = plan();

        assertThat(e.expected(0)).isEqualTo(740);
        e.stageStarted(1, false, 60, 0);
        assertThat(e.expected(30)).isEqualTo(740);
    }

    @Test
    void finished_iterations_scale_the_ones_to_come_but_not_the_final_test() {
        ExpectedCalls e = plan();
        e.stageStarted(1, false, 60, 0);
        e.iterationFinished(120); // 1.2 × the 100 expected

        e.stageStarted(2, false, 180, 120);
        // 120 + 1.2·300 (iteration 2) + 1.2·300 (iteration 3) + 40
        assertThat(e.expected(120)).isEqualTo(880);
        // halfway through iteration 2's share
        assertThat(e.expected(300)).isEqualTo(880);
    }

    @Test
    void the_running_stage_is_never_expected_to_make_less_than_it_announced() {
        ExpectedCalls e = plan();
        e.iterationFinished(120);
        e.stageStarted(2, false, 350, 200); // 80 made in iteration 2 already, 350 more announced

        // 200 + max(350, 360 − 80) + 360 + 40
        assertThat(e.expected(200)).isEqualTo(950);
    }

    @Test
    void in_the_final_test_only_its_own_calls_are_left() {
        ExpectedCalls e = plan();
        e.iterationFinished(300);
        e.iterationFinished(500);
        e.iterationFinished(700);
        e.stageStarted(3, true, 40, 700);

        assertThat(e.expected(700)).isEqualTo(740);
        assertThat(e.expected(720)).isEqualTo(740);
    }

    @Test
    void it_stays_within_the_range_and_never_below_the_calls_done() {
        ExpectedCalls e = plan();
        e.iterationFinished(400); // 4× the plan: the rest would be 4 × 600 + 40

        e.stageStarted(2, false, 10, 400);
        assertThat(e.expected(400)).isEqualTo(1000);
        assertThat(e.expected(1200)).isEqualTo(1200);
    }

    @Test
    void a_plan_known_only_by_its_range_expects_its_middle_until_the_running_stage_needs_more() {
        ExpectedCalls e = ExpectedCalls.ofRange(new CallEstimate.Range(100, 300));
        e.stageStarted(0, false, 250, 0);

        assertThat(e.expected(0)).isEqualTo(250);
        assertThat(e.expected(100)).isEqualTo(250);
        assertThat(ExpectedCalls.ofRange(CallEstimate.Range.ZERO).known()).isFalse();
    }
}
