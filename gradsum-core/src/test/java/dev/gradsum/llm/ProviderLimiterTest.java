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
        return taker(limiter, name, background, limiter.place(), order);
    }

    /** A thread that takes a slot with the given place in line, notes its name, and frees the slot. */
    private static Thread taker(ProviderLimiter limiter, String name, long place, java.util.List<String> order) {
        return taker(limiter, name, false, place, order);
    }

    private static Thread taker(ProviderLimiter limiter, String name, boolean background, long place,
                                java.util.List<String> order) {
        return new Thread(() -> {
            java.util.function.Supplier<Void> take = () -> {
                try {
                    limiter.acquire("OTHER", place);
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
    void waiting_calls_get_a_freed_slot_oldest_place_first_whatever_order_they_came_in() throws Exception {
        // a call back from its backoff asks again with the place it took when it was first sent (issue 11, item 2)
        ProviderLimiter limiter = new ProviderLimiter(1, Map.of());
        long older = limiter.place();
        long newer = limiter.place();
        limiter.acquire("OTHER");
        java.util.List<String> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Thread later = taker(limiter, "newer place", newer, order);
        later.start();
        awaitState(later, Thread.State.WAITING);
        Thread back = taker(limiter, "older place", older, order);
        back.start();
        awaitState(back, Thread.State.WAITING);

        limiter.release("OTHER");
        later.join(10_000);
        back.join(10_000);
        assertThat(order).containsExactly("older place", "newer place");
    }

    @Test
    void a_call_that_comes_while_an_older_one_waits_queues_behind_it_even_when_a_slot_was_just_freed() throws Exception {
        ProviderLimiter limiter = new ProviderLimiter(1, Map.of());
        limiter.acquire("OTHER");
        java.util.List<String> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Thread waiting = taker(limiter, "waiting", limiter.place(), order);
        waiting.start();
        awaitState(waiting, Thread.State.WAITING);

        limiter.release("OTHER"); // handed to the waiting call, which may not have woken yet
        Thread newcomer = taker(limiter, "newcomer", limiter.place(), order);
        newcomer.start();
        waiting.join(10_000);
        newcomer.join(10_000);
        assertThat(order).containsExactly("waiting", "newcomer");
        assertThat(limiter.available("OTHER")).isEqualTo(1);
    }

    @Test
    void an_interrupted_waiter_leaves_the_line_and_the_slot_goes_to_the_next() throws Exception {
        ProviderLimiter limiter = new ProviderLimiter(1, Map.of());
        limiter.acquire("OTHER");
        java.util.List<String> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Thread first = taker(limiter, "first", limiter.place(), order);
        first.start();
        awaitState(first, Thread.State.WAITING);
        Thread second = taker(limiter, "second", limiter.place(), order);
        second.start();
        awaitState(second, Thread.State.WAITING);

        first.interrupt();
        first.join(10_000);
        limiter.release("OTHER");
        second.join(10_000);
        assertThat(order).containsExactly("second");
        assertThat(limiter.waiting("OTHER")).isZero();
        assertThat(limiter.available("OTHER")).isEqualTo(1);
    }

    @Test
    void a_slot_freed_a_moment_ago_is_kept_from_background_work_for_the_runs_next_call() throws Exception {
        // a row's next call comes a few ms after the reply that freed the slot: a background call must not
        // take the slot in that gap (here the grace is long, so the test does not depend on timing)
        ProviderLimiter limiter = new ProviderLimiter(1, Map.of(), java.time.Duration.ofSeconds(30));
        limiter.acquire("OTHER");
        java.util.List<String> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Thread background = taker(limiter, "background", true, order);
        background.start();
        awaitState(background, Thread.State.WAITING);

        limiter.release("OTHER");
        awaitState(background, Thread.State.TIMED_WAITING); // woken, and waiting out the grace
        assertThat(limiter.available("OTHER")).isEqualTo(1);
        limiter.acquire("OTHER"); // the run's next call gets it at once
        assertThat(order).isEmpty();
        background.interrupt();
        background.join(10_000);
    }

    @Test
    void a_background_call_takes_a_freed_slot_once_it_has_been_free_for_the_grace() throws Exception {
        ProviderLimiter limiter = new ProviderLimiter(1, Map.of(), java.time.Duration.ofMillis(50));
        limiter.acquire("OTHER");
        java.util.List<String> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Thread background = taker(limiter, "background", true, order);
        background.start();
        awaitState(background, Thread.State.WAITING);
        long released = System.nanoTime();
        limiter.release("OTHER");
        background.join(10_000);
        assertThat(order).containsExactly("background");
        assertThat(System.nanoTime() - released).isGreaterThanOrEqualTo(java.time.Duration.ofMillis(50).toNanos());
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
