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
    void a_freed_slot_goes_to_a_waiting_call_before_a_background_one_that_waited_longer() throws Exception {
        ProviderLimiter limiter = new ProviderLimiter(1, Map.of());
        limiter.acquire("OTHER");
        java.util.List<String> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Thread background = taker(limiter, "background", true, order);
        background.start();
        awaitState(background, Thread.State.WAITING);
        Thread call = taker(limiter, "call", false, order);
        call.start();
        awaitState(call, Thread.State.WAITING);

        limiter.release("OTHER"); // the call takes it, releases it, then the background call takes it
        call.join(10_000);
        background.join(10_000);
        assertThat(order).containsExactly("call", "background");
        assertThat(limiter.available("OTHER")).isEqualTo(1);
    }

    @Test
    void a_background_call_takes_a_free_slot_when_nothing_else_waits() throws Exception {
        ProviderLimiter limiter = new ProviderLimiter(2, Map.of());
        limiter.acquire("OTHER");
        dev.gradsum.internal.CallPriority.inBackground(() -> {
            try {
                limiter.acquire("OTHER");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return null;
        });
        assertThat(limiter.available("OTHER")).isZero();
    }

    /** A thread that takes a slot (as background work or not), notes its name, and frees the slot. */
    private static Thread taker(ProviderLimiter limiter, String name, boolean background, java.util.List<String> order) {
        return new Thread(() -> {
            java.util.function.Supplier<Void> take = () -> {
                try {
                    limiter.acquire("OTHER");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
                order.add(name);
                limiter.release("OTHER");
                return null;
            };
            if (background) {
                dev.gradsum.internal.CallPriority.inBackground(take);
            } else {
                take.get();
            }
        });
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
