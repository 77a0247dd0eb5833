package dev.gradsum.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.llm.BatchOptions;
import dev.gradsum.llm.ScriptedBatchApi;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.testing.ScriptedChatModel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15 with issue 11's streaming: stages overlap (a child's validation starts while another parent is
 * still on its minibatch or being edited), so which calls may go out as provider batches is decided per
 * call site, not per stage. Validation and test rows go into batches, training rows (the minibatch, and
 * the minibatch gate's answers) never do.
 */
class HeldOutBatchesTest {

    @ParameterizedTest(name = "minibatch gate {0}")
    @ValueSource(booleans = {false, true})
    void validation_and_test_rows_go_out_in_batches_and_no_training_row_does(boolean gate) {
        ScriptedChatModel target = LoopFixture.target();
        ScriptedBatchApi batches = new ScriptedBatchApi(1);
        OptimizationResult r = LoopFixture.builder(target, LoopFixture.optimizer(LoopFixture::betterAndSame),
                        LoopFixture.split(5, 5, 5))
                .beamSize(2).iterations(2).patience(2).minibatchGate(gate)
                .batchApi(target, batches)
                .batchOptions(BatchOptions.defaults().withPollInterval(Duration.ofMillis(5))
                        .withGatherWindow(Duration.ofMillis(20)))
                .build().optimize();

        List<String> submitted = batches.submitted().stream().flatMap(List::stream).toList();
        assertThat(r.iterations()).hasSize(2);
        assertThat(submitted).as("validation and test rows in batches")
                .anyMatch(p -> p.contains("val-")).anyMatch(p -> p.contains("test-"))
                .noneMatch(p -> p.contains("train-"));
        assertThat(target.calls()).as("the training minibatch stays online").isNotEmpty()
                .allMatch(c -> c.text().contains("train-"));
    }
}
