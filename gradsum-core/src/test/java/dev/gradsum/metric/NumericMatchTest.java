package dev.gradsum.metric;

import static dev.gradsum.metric.MetricTestRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.gradsum.data.Dataset;
import dev.gradsum.data.Example;
import dev.gradsum.data.SharedDatasets;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumericMatchTest {
    private final Metric numeric = Metric.numeric("final_answer");

    private Score rate(String expected, String output) {
        return numeric.score(row("final_answer", expected), output);
    }

    @Test
    void gsm8k_rationale_is_read_after_the_hashes() {
        String output = "Natalia sold 48/2 = <<48/2=24>>24 clips in May.\n"
                + "Natalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\n#### 72";

        Score score = rate("72", output);

        assertThat(score.passed()).isTrue();
        assertThat(score.reason()).isEqualTo("expected 72, got 72");
    }

    @Test
    void the_number_after_the_hashes_wins_over_later_text() {
        assertThat(rate("18", "#### 18\nI hope this helps with your 2 questions!").passed()).isTrue();
    }

    @Test
    void answer_is_with_dollars_and_thousands_separator_passes() {
        assertThat(rate("1200", "First, 3 * $400 = $1,200. The answer is $1,200.").passed()).isTrue();
        assertThat(rate("1,200", "So she pays 1200 dollars.").passed()).isTrue();
    }

    @Test
    void the_number_after_the_last_answer_cue_wins_over_the_last_number() {
        Score score = rate("18", "Janet has 16 eggs, eats 3, bakes 4.\nAnswer: 18 dollars (16 - 3 - 4 = 9, 9 * 2 = 18)");
        assertThat(score.passed()).isTrue();

        Score wrong = rate("18", "The final answer is 17. Let me double check: 9 * 2 = 18");
        assertThat(wrong.passed()).isFalse();
        assertThat(wrong.reason()).isEqualTo("expected 18, got 17");
    }

    @Test
    void an_answer_word_without_a_cue_does_not_count_as_one() {
        assertThat(rate("7", "To answer this, 3 apples plus 4 apples make 7 apples.").passed()).isTrue();
    }

    @Test
    void without_any_cue_the_last_number_is_the_answer() {
        Score score = rate("42", "We have 6 boxes of 7, so 6 * 7 = 41");

        assertThat(score.passed()).isFalse();
        assertThat(score.reason()).isEqualTo("expected 42, got 41");
    }

    @Test
    void latex_boxed_answers_are_read() {
        assertThat(rate("3.5", "Thus $x = \\frac{7}{2}$, i.e. \\boxed{3.5}. Check with 2 more steps.").passed()).isTrue();
    }

    @ParameterizedTest(name = "expected {0}, output \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "5,600      | The total is 5600.",
            "#### 18    | 18",
            "72         | 72.0",
            "72.50      | $72.5",
            "0.5        | 1/2",
            "-3         | The temperature drops to -3 degrees.",
            "25         | The discount is 25%.",
            "1450000    | Answer: 1,450,000",
            "0.25       | It is .25 of the cake",
            "10         | 答案是10。",
            "100        | The answer is 100.000000001",
    })
    void equal_numbers_in_different_notation_pass(String expected, String output) {
        assertThat(rate(expected, output).passed()).as(rate(expected, output).reason()).isTrue();
    }

    @ParameterizedTest(name = "expected {0}, output \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "5600  | The total is 560.",
            "-7    | 10-7",
            "3     | -3",
            "100   | The answer is 100.01",
            "12    | Step2 took 12 minutes and step 3 took 13",
    })
    void different_numbers_fail(String expected, String output) {
        assertThat(rate(expected, output).passed()).as(rate(expected, output).reason()).isFalse();
    }

    @Test
    void output_without_a_number_fails_saying_so() {
        Score score = rate("42", "I cannot solve this.");

        assertThat(score.passed()).isFalse();
        assertThat(score.error()).isFalse();
        assertThat(score.reason()).isEqualTo("expected 42, got no number in \"I cannot solve this.\"");
    }

    @Test
    void expected_value_without_a_number_is_an_error_score() {
        Score score = rate("forty-two", "42");

        assertThat(score.error()).isTrue();
        assertThat(score.reason()).contains("\"forty-two\"").contains("final_answer").contains("has no number");
    }

    @Test
    void a_missing_field_is_an_error_score_naming_it() {
        Score score = numeric.score(new Example("gsm8k-1", Map.of("answer", "#### 3")), "3");

        assertThat(score.error()).isTrue();
        assertThat(score.reason()).contains("field \"final_answer\" is missing from example gsm8k-1 (fields: answer)");
        assertThat(numeric.name()).isEqualTo("numeric(final_answer)");
    }

    @Test
    void final_number_extraction_prefers_hashes_then_boxed_then_cue_then_last() {
        assertThat(FinalNumber.in("1 \\boxed{2} answer is 3 #### 4 then 5")).contains(new BigDecimal("4"));
        assertThat(FinalNumber.in("1 \\boxed{2} answer is 3 then 5")).contains(new BigDecimal("2"));
        assertThat(FinalNumber.in("1 answer is 3 then 5")).contains(new BigDecimal("3"));
        assertThat(FinalNumber.in("1 then 5")).contains(new BigDecimal("5"));
        assertThat(FinalNumber.in("#### none here, but 9 earlier")).contains(new BigDecimal("9"));
        assertThat(FinalNumber.in("no numbers")).isEmpty();
    }

    @Test
    void every_gsm8k_sample_row_passes_on_its_own_rationale_when_present() {
        Path sample = SharedDatasets.find("gsm8k/gsm8k.sample.jsonl");
        assumeThat(sample).as("shared GSM8K sample").isNotNull();
        Dataset gsm8k = Dataset.load(sample);

        assertThat(gsm8k.size()).isEqualTo(500);
        for (Example example : gsm8k.examples()) {
            Score score = numeric.score(example, example.get("answer"));
            assertThat(score.passed()).as(example.id() + ": " + score.reason()).isTrue();
        }
        Example first = gsm8k.examples().get(0);
        assertThat(numeric.score(first, "#### 123456789").passed()).isFalse();
    }
}
