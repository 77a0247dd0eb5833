package dev.gradsum.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.model.RetryPolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2);

    @Test
    void a_quick_resend_doubles_from_the_transient_backoff_and_retry_after_still_wins() {
        RetryPolicy twoSchedules = policy.withTransientBackoff(Duration.ofMillis(200));
        Backoff backoff = new Backoff(twoSchedules, new Random(1));
        long[] expected = {200, 400, 800, 1600};
        for (int retry = 1; retry <= expected.length; retry++) {
            long wait = backoff.delay(retry, Optional.empty(), true).toMillis();
            assertThat(wait).isBetween(Math.round(expected[retry - 1] * 0.8), Math.round(expected[retry - 1] * 1.2));
        }
        assertThat(backoff.delay(1, Optional.empty(), false).toMillis()).isBetween(800L, 1200L);
        assertThat(backoff.delay(1, Optional.of(Duration.ofSeconds(7)), true)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void waits_double_each_retry_within_the_jitter() {
        Backoff backoff = new Backoff(policy, new Random(1));
        long[] expected = {1000, 2000, 4000, 8000, 16000};
        for (int retry = 1; retry <= expected.length; retry++) {
            long wait = backoff.delay(retry, Optional.empty()).toMillis();
            assertThat(wait).isBetween(Math.round(expected[retry - 1] * 0.8), Math.round(expected[retry - 1] * 1.2));
        }
    }

    @Test
    void waits_never_exceed_the_maximum() {
        Backoff backoff = new Backoff(policy, new Random(2));
        for (int retry = 5; retry < 200; retry++) {
            assertThat(backoff.delay(retry, Optional.empty())).isLessThanOrEqualTo(Duration.ofSeconds(30));
        }
    }

    @Test
    void the_same_seed_gives_the_same_waits() {
        Backoff a = new Backoff(policy, new Random(42));
        Backoff b = new Backoff(policy, new Random(42));
        for (int retry = 1; retry < 6; retry++) {
            assertThat(a.delay(retry, Optional.empty())).isEqualTo(b.delay(retry, Optional.empty()));
        }
    }

    @Test
    void retry_after_is_honoured_exactly_but_capped_at_the_maximum() {
        Backoff backoff = new Backoff(policy, new Random(3));
        assertThat(backoff.delay(1, Optional.of(Duration.ofSeconds(7)))).isEqualTo(Duration.ofSeconds(7));
        assertThat(backoff.delay(1, Optional.of(Duration.ofMinutes(10)))).isEqualTo(Duration.ofSeconds(30));
    }
}
