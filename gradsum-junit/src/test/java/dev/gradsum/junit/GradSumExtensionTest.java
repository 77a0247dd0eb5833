package dev.gradsum.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.gradsum.testing.ScriptedChatModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestIdentifier;

/**
 * {@link GradSumTest}: runs a small test class through the JUnit launcher in record mode (the models are
 * called, the recording is written after the class) and then in the default replay mode (the model is
 * never called), and a class whose prompt is worse than its baseline, to see the failure JUnit reports.
 */
class GradSumExtensionTest {
    static final String RECORDING = "target/gradsum-extension-test/answers.jsonl";
    static volatile ScriptedChatModel model;

    @BeforeEach
    void clean() throws IOException {
        Files.deleteIfExists(Path.of(RECORDING));
    }

    @AfterEach
    void unset() {
        System.clearProperty(PromptEvaluator.MODE_PROPERTY);
    }

    /** Run by the launcher only (no Test suffix, so the build does not run it on its own). */
    @GradSumTest(recording = RECORDING)
    static class GatedPrompt {
        @Test
        void the_good_prompt_passes(PromptEvaluator gradsum) {
            gradsum.assertThatPrompt(Capitals.GOOD).on(Capitals.rows()).judgedBy(Capitals.CRITERIA).answeredBy(model)
                    .scoresAtLeast(1.0).isNotWorseThan(Capitals.BAD);
        }

        @Test
        void the_bad_prompt_is_worse(PromptEvaluator gradsum) {
            gradsum.assertThatPrompt(Capitals.BAD).on(Capitals.rows()).judgedBy(Capitals.CRITERIA).answeredBy(model)
                    .isNotWorseThan(Capitals.GOOD);
        }
    }

    @Test
    void a_class_records_once_with_the_models_and_then_replays_without_them() throws IOException {
        System.setProperty(PromptEvaluator.MODE_PROPERTY, "record");
        model = Capitals.model();
        List<String> recorded = run(GatedPrompt.class);
        assertThat(model.calls()).hasSize(16);
        assertThat(Files.readAllLines(Path.of(RECORDING))).as("written when the class is done").hasSize(16);
        assertThat(recorded).containsExactlyInAnyOrder("the_good_prompt_passes(PromptEvaluator): SUCCESSFUL",
                "the_bad_prompt_is_worse(PromptEvaluator): FAILED prompt \"Tell me about the capital of {country}.\" is worse"
                        + " than the baseline \"Name the capital of {country}. Answer with the city name only.\" beyond the margin 0:"
                        + " -1.000 [-1.000, -1.000] at 95% over 4 rows (0.000 against 1.000; answers from models, recorded to "
                        + RECORDING + ")");

        System.clearProperty(PromptEvaluator.MODE_PROPERTY);
        model = Capitals.unreachable();
        List<String> replayed = run(GatedPrompt.class);
        assertThat(model.calls()).isEmpty();
        assertThat(replayed).containsExactlyInAnyOrder("the_good_prompt_passes(PromptEvaluator): SUCCESSFUL",
                "the_bad_prompt_is_worse(PromptEvaluator): FAILED prompt \"Tell me about the capital of {country}.\" is worse"
                        + " than the baseline \"Name the capital of {country}. Answer with the city name only.\" beyond the margin 0:"
                        + " -1.000 [-1.000, -1.000] at 95% over 4 rows (0.000 against 1.000; answers from recording "
                        + RECORDING + ")");
    }

    @Test
    void replaying_a_class_whose_recording_is_missing_fails_its_tests_saying_how_to_record_it() {
        model = Capitals.unreachable();
        List<String> outcome = run(GatedPrompt.class);
        assertThat(outcome).singleElement().asString().startsWith("GradSumExtensionTest$GatedPrompt: FAILED gradsum recording " + RECORDING
                + ": file not found; make it by running the tests once with the models (-Dgradsum.mode=record)");
    }

    @Test
    void live_mode_calls_the_models_and_writes_no_recording_and_an_unknown_mode_is_named() {
        System.setProperty(PromptEvaluator.MODE_PROPERTY, "live");
        model = Capitals.model();
        assertThat(run(GatedPrompt.class)).hasSize(2).anyMatch(s -> s.startsWith("the_good_prompt_passes(PromptEvaluator): SUCCESSFUL"));
        assertThat(model.calls()).hasSize(16);
        assertThat(Path.of(RECORDING)).doesNotExist();

        System.setProperty(PromptEvaluator.MODE_PROPERTY, "replya");
        assertThat(run(GatedPrompt.class)).singleElement().asString()
                .isEqualTo("GradSumExtensionTest$GatedPrompt: FAILED -Dgradsum.mode: \"replya\" is not a mode; give replay, record or live");
    }

    /** "display name: STATUS first line of the message" of each test and container that did not succeed, and of each test that did. */
    private static List<String> run(Class<?> testClass) {
        List<String> outcome = new ArrayList<>();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                boolean container = id.isContainer() && id.getSource().isPresent()
                        && id.getSource().get() instanceof org.junit.platform.engine.support.descriptor.ClassSource;
                if (id.isTest() || container && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    outcome.add(id.getDisplayName() + ": " + result.getStatus()
                            + result.getThrowable().map(t -> " " + t.getMessage().lines().findFirst().orElse("")).orElse(""));
                }
            }
        });
        return outcome;
    }
}
