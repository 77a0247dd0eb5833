package dev.gradsum.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.testing.ScriptedChatModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 3: the fluent assertions, live, recorded and replayed. The scripted model names the
 * capital only for {@link Capitals#GOOD}; {@link Capitals#BAD} fails every row.
 */
class PromptAssertTest {
    @TempDir
    Path dir;

    @Test
    void a_prompt_scoring_at_least_the_minimum_passes_and_one_below_lists_its_failing_rows_with_the_reasoning() {
        ScriptedChatModel model = Capitals.model();
        try (PromptEvaluator gradsum = PromptEvaluator.live()) {
            PromptAssert good = gradsum.assertThatPrompt(Capitals.GOOD).on(Capitals.rows()).judgedBy(Capitals.CRITERIA)
                    .answeredBy(model);
            good.scoresAtLeast(1.0);
            assertThat(good.score()).isEqualTo(1.0);

            assertThatThrownBy(() -> gradsum.assertThatPrompt(Capitals.BAD).on(Capitals.rows())
                    .judgedBy(Capitals.CRITERIA).answeredBy(model).scoresAtLeast(0.8))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("prompt \"Tell me about the capital of {country}.\" scored 0.000 on 4 rows,"
                            + " below the minimum 0.8: 0 of 4 rows passed (answers from models)")
                    .hasMessageContaining("\nfailing rows (4):\n  row 1: score 0.000 - does not name the city\n"
                            + "      answer: Well, France has a long history and many beautiful cities.\n  row 2:");
        }
    }

    @Test
    void is_not_worse_than_passes_for_a_better_prompt_and_fails_for_a_worse_one_with_the_paired_interval() {
        ScriptedChatModel model = Capitals.model();
        try (PromptEvaluator gradsum = PromptEvaluator.live()) {
            gradsum.assertThatPrompt(Capitals.GOOD).on(Capitals.rows()).judgedBy(Capitals.CRITERIA).answeredBy(model)
                    .isNotWorseThan(Capitals.BAD);
            gradsum.assertThatPrompt(Capitals.BAD).on(Capitals.rows()).judgedBy(Capitals.CRITERIA).answeredBy(model)
                    .isNotWorseThan(Capitals.BAD); // equal is not worse

            Path baseline = dir.resolve("baseline.txt");
            writeString(baseline, Capitals.GOOD);
            assertThatThrownBy(() -> gradsum.assertThatPrompt(Capitals.BAD).on(Capitals.rows())
                    .judgedBy(Capitals.CRITERIA).answeredBy(model).isNotWorseThan(baseline))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("prompt \"Tell me about the capital of {country}.\" is worse than the baseline "
                            + baseline + " beyond the margin 0: -1.000 [-1.000, -1.000] at 95% over 4 rows (0.000 against 1.000;")
                    .hasMessageContaining("\nrows this prompt failed and the baseline passed (4):\n"
                            + "  row 1: score 0.000 - does not name the city");
        }
    }

    @Test
    void a_recording_replays_to_exactly_the_recorded_scores_without_calling_the_model() {
        Path recording = dir.resolve("answers.jsonl");
        ScriptedChatModel model = Capitals.model();
        Double recorded;
        try (PromptEvaluator gradsum = PromptEvaluator.recording(recording, dir.resolve("store.db"))) {
            recorded = gradsum.assertThatPrompt(Capitals.GOOD).on(Capitals.rows()).judgedBy(Capitals.CRITERIA)
                    .answeredBy(model).isNotWorseThan(Capitals.BAD).score();
        }
        assertThat(model.calls()).hasSize(16); // both prompts: 4 answers and 4 verdicts each
        assertThat(lines(recording)).hasSize(16);

        ScriptedChatModel unreachable = Capitals.unreachable();
        try (PromptEvaluator gradsum = PromptEvaluator.replaying(recording)) {
            PromptAssert replayed = gradsum.assertThatPrompt(Capitals.GOOD).on(Capitals.rows())
                    .judgedBy(Capitals.CRITERIA).answeredBy(unreachable).scoresAtLeast(1.0).isNotWorseThan(Capitals.BAD);
            assertThat(replayed.score()).isEqualTo(recorded).isEqualTo(1.0);
            assertThatThrownBy(() -> gradsum.assertThatPrompt(Capitals.BAD).on(Capitals.rows())
                    .judgedBy(Capitals.CRITERIA).answeredBy(unreachable).isNotWorseThan(Capitals.GOOD))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("-1.000 [-1.000, -1.000]");
        }
        assertThat(unreachable.calls()).isEmpty();
    }

    @Test
    void through_a_store_a_second_run_answers_from_its_call_cache_and_calls_no_model() {
        Path store = dir.resolve("gradsum.db");
        ScriptedChatModel first = Capitals.model();
        try (PromptEvaluator gradsum = PromptEvaluator.live(store)) {
            gradsum.assertThatPrompt(Capitals.GOOD).on(Capitals.rows()).judgedBy(Capitals.CRITERIA).answeredBy(first)
                    .scoresAtLeast(1.0);
        }
        assertThat(first.calls()).hasSize(8);
        ScriptedChatModel unreachable = Capitals.unreachable();
        try (PromptEvaluator gradsum = PromptEvaluator.live(store)) {
            assertThat(gradsum.source()).isEqualTo("models, through the store " + store);
            gradsum.assertThatPrompt(Capitals.GOOD).on(Capitals.rows()).judgedBy(Capitals.CRITERIA)
                    .answeredBy(unreachable).scoresAtLeast(1.0);
        }
        assertThat(unreachable.calls()).isEmpty();
    }

    @Test
    void a_request_the_recording_lacks_fails_naming_the_role_the_prompt_and_how_to_record_again() {
        Path recording = dir.resolve("answers.jsonl");
        try (PromptEvaluator gradsum = PromptEvaluator.recording(recording, null)) {
            gradsum.assertThatPrompt(Capitals.GOOD).on(Capitals.rows()).judgedBy(Capitals.CRITERIA)
                    .answeredBy(Capitals.model()).scoresAtLeast(1.0);
        }
        try (PromptEvaluator gradsum = PromptEvaluator.replaying(recording)) {
            assertThatThrownBy(() -> gradsum.assertThatPrompt("Which city is the capital of {country}?\nBe brief.")
                    .on(Capitals.rows()).judgedBy(Capitals.CRITERIA).answeredBy(Capitals.unreachable()).scoresAtLeast(0.5))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("--replay " + recording + ": no recorded answer for the target (capitals-model)"
                            + " to the prompt \"Which city is the capital of ")
                    .hasMessageEndingWith("record it again by running the tests with -Dgradsum.mode=record");
        }
    }

    @Test
    void a_missing_recording_or_a_missing_setting_is_named() {
        assertThatThrownBy(() -> PromptEvaluator.replaying(dir.resolve("none.jsonl")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("none.jsonl: file not found").hasMessageContaining("-Dgradsum.mode=record");
        try (PromptEvaluator gradsum = PromptEvaluator.live()) {
            assertThatThrownBy(() -> gradsum.assertThatPrompt(Capitals.GOOD).on(Capitals.rows()).scoresAtLeast(0.5))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("assertThatPrompt(\"Name the capital of {country}. Answer with the city name only.\"): missing"
                            + " judgedBy(criteria) or measuredBy(metric), answeredBy(model)");
        }
    }

    private static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
