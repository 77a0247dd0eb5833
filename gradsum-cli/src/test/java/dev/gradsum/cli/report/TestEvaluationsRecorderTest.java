package dev.gradsum.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.search.OptimizationResult;
import org.junit.jupiter.api.Test;

class TestEvaluationsRecorderTest {
    private final SyntheticRun run = new SyntheticRun();

    @Test
    void keeps_the_test_rows_of_the_initial_and_the_best_prompt_and_ignores_other_purposes() {
        TestEvaluations rows = run.tests();
        TestEvaluationsRecorder recorder = new TestEvaluationsRecorder();
        recorder.evaluated(3, run.c0, "validation", rows.best());
        recorder.evaluated(3, run.c0, "test", rows.initial());
        recorder.evaluated(3, run.c5, "test", rows.best());

        TestEvaluations recorded = recorder.of(run.result());

        assertThat(recorded.initial()).isEqualTo(rows.initial());
        assertThat(recorded.best()).isEqualTo(rows.best());
    }

    @Test
    void when_the_best_prompt_is_the_initial_one_both_sides_are_its_rows() {
        OptimizationResult r = run.result();
        OptimizationResult unchanged = new OptimizationResult(r.initial(), r.initial(), r.test(), r.iterations(),
                r.candidates(), r.stopReason(), r.usage(), r.total(), r.elapsed());
        TestEvaluationsRecorder recorder = new TestEvaluationsRecorder();
        recorder.evaluated(3, run.c0, "test", run.tests().initial());

        TestEvaluations recorded = recorder.of(unchanged);

        assertThat(recorded.best()).isEqualTo(run.tests().initial());
    }
}
