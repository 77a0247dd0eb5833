package dev.gradsum.metric;

import static dev.gradsum.metric.MetricTestRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.gradsum.data.Dataset;
import dev.gradsum.data.Example;
import dev.gradsum.data.SharedDatasets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChoiceMatchTest {
    private final Metric choice = Metric.choice("answer");

    private Score rate(String expected, String output) {
        return choice.score(row("answer", expected), output);
    }

    @Test
    void mmlu_style_answer_with_parentheses_passes() {
        String output = "Centrifugal force is a fictitious force; the question asks about the frame of the rider.\n"
                + "Option (A) is the common name, (B) and (D) are unrelated.\nAnswer: (C)";

        Score score = rate("C", output);

        assertThat(score.passed()).isTrue();
        assertThat(score.reason()).isEqualTo("expected C, got C");
    }

    @ParameterizedTest(name = "\"{1}\" names {0}")
    @CsvSource(delimiter = '|', value = {
            "B | B",
            "B | (B)",
            "B | b",
            "B | B)",
            "B | B.",
            "B | **B**",
            "B | Answer: B",
            "B | the answer is B.",
            "B | The correct answer is option B because the others are wrong.",
            "D | I think the answer is D",
            "A | A because the force is centrifugal.",
            "C | A good way to see it: B is too small, so C",
            "C | Between A) 3 and C) 5, I pick C",
            "J | The answer is (J).",
            "C | 答案是C",
    })
    void the_named_letter_is_found(String expected, String output) {
        Score score = rate(expected, output);
        assertThat(score.passed()).as(score.reason()).isTrue();
    }

    @Test
    void the_letter_after_the_answer_cue_beats_letters_named_later() {
        Score score = rate("B", "The answer is B. Option C is tempting but A is wrong too.");

        assertThat(score.passed()).isTrue();
    }

    @Test
    void the_last_cue_wins_when_the_model_corrects_itself() {
        Score score = rate("D", "Answer: B. Wait, re-reading the question, the answer is D.");

        assertThat(score.passed()).isTrue();
    }

    @Test
    void a_wrong_letter_fails_with_both_letters_in_the_reason() {
        Score score = rate("C", "Answer: (A)");

        assertThat(score.passed()).isFalse();
        assertThat(score.reason()).isEqualTo("expected C, got A");
    }

    @Test
    void an_output_without_a_letter_fails_saying_so() {
        Score score = rate("C", "it depends on the context");

        assertThat(score.passed()).isFalse();
        assertThat(score.reason()).isEqualTo("expected C, got no choice letter in \"it depends on the context\"");
    }

    @Test
    void expected_may_be_a_zero_based_index() {
        assertThat(rate("2", "C").passed()).isTrue();
        assertThat(rate("0", "(A)").passed()).isTrue();
        assertThat(rate("2", "B").reason()).isEqualTo("expected C, got B");
    }

    @Test
    void expected_that_is_no_letter_or_index_is_an_error_score() {
        Score score = rate("centrifugal", "A");

        assertThat(score.error()).isTrue();
        assertThat(score.reason()).contains("not a letter A-J or a 0-based index");
        assertThat(rate("12", "A").error()).isTrue();
    }

    @Test
    void a_missing_field_is_an_error_score() {
        Score score = choice.score(new Example("m1", Map.of("answer_index", "2")), "C");

        assertThat(score.error()).isTrue();
        assertThat(score.reason()).contains("field \"answer\" is missing from example m1 (fields: answer_index)");
    }

    @Test
    void mmlu_sample_answers_agree_with_their_indexes_when_present() {
        Path sample = SharedDatasets.find("mmlu/mmlu.sample.jsonl");
        assumeThat(sample).as("shared MMLU sample").isNotNull();
        Dataset mmlu = Dataset.load(sample);
        Metric byIndex = Metric.choice("answer_index");

        for (Example example : mmlu.examples()) {
            String output = "Let me look at each option.\nAnswer: (" + example.get("answer") + ")";
            assertThat(choice.score(example, output).passed()).as(example.id()).isTrue();
            assertThat(byIndex.score(example, output).passed()).as(example.id()).isTrue();
        }
    }
}
