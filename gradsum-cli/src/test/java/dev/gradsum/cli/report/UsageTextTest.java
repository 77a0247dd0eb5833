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
}
