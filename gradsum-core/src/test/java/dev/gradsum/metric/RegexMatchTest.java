package dev.gradsum.metric;

import static dev.gradsum.metric.MetricTestRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.data.Example;
import dev.gradsum.exception.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegexMatchTest {
    @Test
    void output_containing_a_match_passes() {
        Metric json = Metric.regex("\\{\\s*\"answer\"\\s*:");

        assertThat(json.score(row("a", "x"), "Sure! {\"answer\": 3}").passed()).isTrue();
        Score miss = json.score(row("a", "x"), "The answer is 3");
        assertThat(miss.passed()).isFalse();
        assertThat(miss.reason()).isEqualTo("no match for /\\{\\s*\"answer\"\\s*:/ in \"The answer is 3\"");
    }

    @Test
    void the_pattern_alone_needs_no_expected_field() {
        Score score = Metric.regex("(?i)final answer").score(new Example("1", Map.of()), "FINAL ANSWER: 4");

        assertThat(score.passed()).isTrue();
        assertThat(score.error()).isFalse();
    }

    @Test
    void with_a_field_the_first_group_must_equal_the_expected_answer() {
        Metric tagged = Metric.regex("answer", "<answer>(.*?)</answer>");

        assertThat(tagged.score(row("answer", "Paris"), "Thinking...<answer> paris </answer>").passed()).isTrue();
        Score wrong = tagged.score(row("answer", "Paris"), "<answer>Lyon</answer>");
        assertThat(wrong.passed()).isFalse();
        assertThat(wrong.reason()).isEqualTo("expected \"Paris\", got \"Lyon\"");
    }

    @Test
    void with_a_field_and_no_group_the_whole_match_is_compared() {
        Metric code = Metric.regex("answer", "[A-Z]{3}-\\d+");

        assertThat(code.score(row("answer", "ABC-12"), "Ticket ABC-12 is done").passed()).isTrue();
    }

    @Test
    void with_a_field_no_match_fails_saying_so() {
        Score score = Metric.regex("answer", "#### (\\d+)").score(row("answer", "42"), "forty-two");

        assertThat(score.passed()).isFalse();
        assertThat(score.reason()).isEqualTo("expected \"42\", got no match for /#### (\\d+)/ in \"forty-two\"");
    }

    @Test
    void with_a_field_a_missing_field_is_an_error_score() {
        Score score = Metric.regex("answer", "(\\d+)").score(new Example("5", Map.of("q", "x")), "4");

        assertThat(score.error()).isTrue();
        assertThat(score.reason()).contains("field \"answer\" is missing from example 5");
    }

    @Test
    void an_invalid_pattern_is_a_configuration_error() {
        assertThatThrownBy(() -> Metric.regex("answer", "(unclosed"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("metric regex: invalid pattern /(unclosed/: Unclosed group");
    }

    @Test
    void names_show_the_pattern() {
        assertThat(Metric.regex("\\d+").name()).isEqualTo("regex(/\\d+/)");
        assertThat(Metric.regex("answer", "(\\d+)").name()).isEqualTo("regex(answer, /(\\d+)/)");
    }
}
