package dev.gradsum.metric;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExpectedFieldTest {
    @Test
    void metrics_comparing_with_a_field_name_it_so_gradients_can_show_the_expected_answer() {
        assertThat(Metric.exact("answer").expectedField()).isEqualTo("answer");
        assertThat(Metric.numeric("final_answer").expectedField()).isEqualTo("final_answer");
        assertThat(Metric.choice("label").expectedField()).isEqualTo("label");
        assertThat(Metric.contains("answer").expectedField()).isEqualTo("answer");
        assertThat(Metric.regex("answer", "(\\d+)").expectedField()).isEqualTo("answer");
    }

    @Test
    void a_pattern_without_a_field_has_no_expected_answer() {
        assertThat(Metric.regex("^\\d+$").expectedField()).isNull();
    }
}
