package dev.gradsum.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.model.Usage;
import org.junit.jupiter.api.Test;

class UsageTextTest {
    @Test
    void requests_are_counted_as_paid_plus_from_cache() {
        assertThat(UsageText.requests(new Usage(1638, 1063, 4, 0, 265_100, 14_016, 0)))
                .isEqualTo("2701 requests (1638 paid, 1063 from cache)");
    }

    @Test
    void failed_requests_are_named_only_when_there_are_some() {
        assertThat(UsageText.requests(new Usage(10, 5, 0, 2, 0, 0, 0)))
                .isEqualTo("17 requests (10 paid, 5 from cache, 2 failed)");
    }

    @Test
    void tokens_counted_by_gradsum_are_marked_estimated() {
        assertThat(UsageText.tokens(new Usage(3, 0, 0, 0, 120, 30, 0, 2, 0)))
                .isEqualTo("120 input + 30 output tokens (estimated)");
        assertThat(UsageText.tokens(new Usage(3, 0, 0, 0, 120, 30, 0))).isEqualTo("120 input + 30 output tokens");
    }

    @Test
    void the_cost_of_a_model_without_a_price_is_unknown_never_zero() {
        assertThat(UsageText.cost(new Usage(3, 0, 0, 0, 120, 30, 0, 0, 3), 4)).isEqualTo("cost unknown");
        assertThat(UsageText.cost(new Usage(3, 0, 0, 0, 120, 30, 0.0123, 0, 1), 4)).isEqualTo("$0.0123 + unknown");
        assertThat(UsageText.cost(new Usage(3, 0, 0, 0, 120, 30, 0.0123), 4)).isEqualTo("$0.0123");
    }
}
