package dev.gradsum.metric;

import static dev.gradsum.metric.MetricTestRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.data.Example;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainsMatchTest {
    private final Metric contains = Metric.contains("answer");

    @Test
    void expected_answer_anywhere_in_the_output_passes_ignoring_case_and_spacing() {
        Score score = contains.score(row("answer", "Eiffel  Tower."),
                "It is the EIFFEL\ntower, built in 1889.");

        assertThat(score.passed()).isTrue();
        assertThat(score.reason()).isEqualTo("output contains \"eiffel tower\"");
    }

    @Test
    void output_without_the_answer_fails_and_quotes_both() {
        Score score = contains.score(row("answer", "Rayleigh scattering"), "Because of the ocean.");

        assertThat(score.passed()).isFalse();
        assertThat(score.reason()).isEqualTo(
                "expected the output to contain \"rayleigh scattering\", got \"Because of the ocean.\"");
    }

    @Test
    void chinese_answers_are_found() {
        assertThat(contains.score(row("answer", "瑞利散射"), "天空是蓝色的，因为瑞利散射。").passed()).isTrue();
    }

    @Test
    void an_empty_expected_answer_is_an_error_not_a_free_pass() {
        Score score = contains.score(row("answer", " \"\" "), "anything");

        assertThat(score.error()).isTrue();
        assertThat(score.reason()).contains("expected answer is empty");
    }

    @Test
    void a_missing_field_is_an_error_score() {
        Score score = contains.score(new Example("3", Map.of("q", "x")), "x");

        assertThat(score.error()).isTrue();
        assertThat(score.reason()).contains("field \"answer\" is missing from example 3");
        assertThat(contains.name()).isEqualTo("contains(answer)");
    }
}
