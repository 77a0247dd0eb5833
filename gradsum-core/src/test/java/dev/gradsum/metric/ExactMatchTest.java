package dev.gradsum.metric;

import static dev.gradsum.metric.MetricTestRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.data.Example;
import dev.gradsum.exception.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExactMatchTest {
    private final Metric exact = Metric.exact("answer");

    @Test
    void same_answer_up_to_case_spacing_quotes_and_final_period_passes() {
        assertThat(exact.score(row("answer", "Paris"), "  paris \n").passed()).isTrue();
        assertThat(exact.score(row("answer", "Paris"), "\"Paris\".").passed()).isTrue();
        assertThat(exact.score(row("answer", "Paris"), "'PARIS.'").passed()).isTrue();
        assertThat(exact.score(row("answer", "New York City"), "new   york\tcity").passed()).isTrue();
        assertThat(exact.score(row("answer", "\"yes\""), "Yes").passed()).isTrue();
        assertThat(exact.score(row("answer", "北京"), "“北京”。").passed()).isTrue();
    }

    @Test
    void a_different_or_longer_answer_fails_with_both_values_in_the_reason() {
        Score score = exact.score(row("answer", "Paris"), "The capital is Paris.");

        assertThat(score.passed()).isFalse();
        assertThat(score.error()).isFalse();
        assertThat(score.value()).isZero();
        assertThat(score.reason()).isEqualTo("expected \"Paris\", got \"The capital is Paris.\"");
    }

    @Test
    void a_pass_scores_one_and_says_what_was_compared() {
        Score score = exact.score(row("answer", "42"), "42");

        assertThat(score.value()).isEqualTo(1.0);
        assertThat(score.reason()).isEqualTo("expected \"42\", got \"42\"");
    }

    @Test
    void long_outputs_are_shortened_to_one_line_in_the_reason() {
        String rambling = "Let me think.\n".repeat(20);

        Score score = exact.score(row("answer", "B"), rambling);

        assertThat(score.reason()).doesNotContain("\n").hasSizeLessThan(90).endsWith("…\"");
    }

    @Test
    void a_missing_expected_field_is_an_error_score_naming_the_field() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("question", "q");
        fields.put("final_answer", "1");

        Score score = exact.score(new Example("row-9", fields), "1");

        assertThat(score.error()).isTrue();
        assertThat(score.passed()).isFalse();
        assertThat(score.reason()).isEqualTo(
                "exact(answer): field \"answer\" is missing from example row-9 (fields: question, final_answer)");
    }

    @Test
    void a_null_output_is_rated_as_empty() {
        assertThat(exact.score(row("answer", "x"), null).passed()).isFalse();
        assertThat(exact.score(row("answer", ""), null).passed()).isTrue();
    }

    @Test
    void name_shows_kind_and_field() {
        assertThat(exact.name()).isEqualTo("exact(answer)");
        assertThat(exact.toString()).isEqualTo("exact(answer)");
    }

    @Test
    void a_blank_field_name_is_a_configuration_error() {
        assertThatThrownBy(() -> Metric.exact(" "))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("metric exact: name the field holding the expected answer");
    }
}
