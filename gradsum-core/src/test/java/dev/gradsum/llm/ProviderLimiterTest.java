package dev.gradsum.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderLimiterTest {
    @Test
    void each_provider_has_the_default_limit_unless_overridden() {
        ProviderLimiter limiter = new ProviderLimiter(8, Map.of("ANTHROPIC", 2));
        assertThat(limiter.limit("OPEN_AI")).isEqualTo(8);
        assertThat(limiter.limit("ANTHROPIC")).isEqualTo(2);
    }

    @Test
    void a_caller_beyond_the_limit_waits_until_a_permit_is_released() throws Exception {
        ProviderLimiter limiter = new ProviderLimiter(2, Map.of());
        limiter.acquire("OTHER");
        limiter.acquire("OTHER");
        Thread third = new Thread(() -> {
            try {
                limiter.acquire("OTHER");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        third.start();
        awaitState(third, Thread.State.WAITING);
        assertThat(third.isAlive()).isTrue();
        limiter.release("OTHER");
        third.join(10_000);
        assertThat(third.isAlive()).isFalse();
        assertThat(limiter.available("OTHER")).isZero();
    }

    @Test
    void providers_do_not_share_permits() throws InterruptedException {
        ProviderLimiter limiter = new ProviderLimiter(1, Map.of());
        limiter.acquire("OPEN_AI");
        assertThat(limiter.available("OPEN_AI")).isZero();
        assertThat(limiter.available("ANTHROPIC")).isEqualTo(1);
    }

    static void awaitState(Thread t, Thread.State state) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (t.getState() != state && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(t.getState()).isEqualTo(state);
    }
}
