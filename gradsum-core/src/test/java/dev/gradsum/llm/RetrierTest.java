package dev.gradsum.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.model.RetryPolicy;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrierTest {
    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(60), 0.0);
    private final ProviderLimiter limiter = new ProviderLimiter(1, Map.of());
    private final List<Integer> freePermitsWhileWaiting = new ArrayList<>();
    private final List<Duration> waits = new ArrayList<>();
    private final Sleeper sleeper = d -> {
        waits.add(d);
        freePermitsWhileWaiting.add(limiter.available("OPEN_AI"));
    };
    private final Retrier retrier = new Retrier(policy, new Backoff(policy, new Random(0)), sleeper, limiter);
    private final AtomicInteger retries = new AtomicInteger();

    private Retrier.Attempt<String> failing(RuntimeException... failures) {
        AtomicInteger n = new AtomicInteger();
        return number -> {
            if (number > 1) {
                retries.incrementAndGet(); // as Llm does: a resend is counted as it is sent
            }
            int i = n.getAndIncrement();
            if (i < failures.length) {
                throw failures[i];
            }
            return "ok after " + i;
        };
    }

    @Test
    void server_errors_are_retried_with_doubling_waits_then_succeed() throws Exception {
        String result = retrier.call("OPEN_AI",
                failing(new HttpException(500, "a"), new HttpException(502, "b")));
        assertThat(result).isEqualTo("ok after 2");
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(retries).hasValue(2);
    }

    @Test
    void the_permit_is_released_while_waiting_and_after_the_call() throws Exception {
        retrier.call("OPEN_AI", failing(new HttpException(503, "busy")));
        assertThat(freePermitsWhileWaiting).containsExactly(1);
        assertThat(limiter.available("OPEN_AI")).isEqualTo(1);
    }

    @Test
    void another_call_uses_the_only_slot_while_one_waits_out_its_backoff() throws Exception {
        // one permit in all: the second call can only run if the first gave its slot up to wait (issue 11, item 2)
        CountDownLatch otherCallDone = new CountDownLatch(1);
        List<Boolean> otherRanDuringTheWait = new ArrayList<>();
        Sleeper waitingForTheOther = d -> otherRanDuringTheWait.add(otherCallDone.await(10, TimeUnit.SECONDS));
        Retrier oneSlot = new Retrier(policy, new Backoff(policy, new Random(0)), waitingForTheOther, limiter);
        Thread other = new Thread(() -> {
            try {
                oneSlot.call("OPEN_AI", number -> "other");
                otherCallDone.countDown();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String result = oneSlot.call("OPEN_AI", number -> {
            if (number == 1) {
                other.start(); // sent while this call holds the slot: it runs once the slot is free
                throw new HttpException(503, "busy");
            }
            return "retried";
        });
        other.join(10_000);
        assertThat(result).isEqualTo("retried");
        assertThat(otherRanDuringTheWait).containsExactly(true);
        assertThat(limiter.available("OPEN_AI")).isEqualTo(1);
    }

    @Test
    void a_call_back_from_its_backoff_goes_ahead_of_a_call_sent_while_it_waited() throws Exception {
        // it keeps the place in line it took when first sent: otherwise a row whose call failed once finishes
        // after every row sent later, and its retries' waits become the run's tail (issue 11, item 2)
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch inBackoff = new CountDownLatch(1);
        CountDownLatch backoffOver = new CountDownLatch(1);
        Sleeper held = d -> {
            inBackoff.countDown();
            backoffOver.await();
        };
        Retrier retrying = new Retrier(policy, new Backoff(policy, new Random(0)), held, limiter);
        Thread first = new Thread(() -> {
            try {
                retrying.call("OPEN_AI", number -> {
                    if (number == 1) {
                        throw new HttpException(500, "server_error");
                    }
                    order.add("the retried call");
                    return "ok";
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        first.start();
        assertThat(inBackoff.await(10, TimeUnit.SECONDS)).isTrue();
        limiter.acquire("OPEN_AI"); // the only slot, taken while the first call waits out its backoff
        Thread second = new Thread(() -> {
            try {
                retrying.call("OPEN_AI", number -> {
                    order.add("a call sent during the backoff");
                    return "ok";
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        second.start();
        awaitWaiting(1);
        backoffOver.countDown();
        awaitWaiting(2);

        limiter.release("OPEN_AI");
        first.join(10_000);
        second.join(10_000);
        assertThat(order).containsExactly("the retried call", "a call sent during the backoff");
    }

    private void awaitWaiting(int calls) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (limiter.waiting("OPEN_AI") < calls) {
            assertThat(System.nanoTime()).as("%d calls waiting for a slot", calls).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void a_transient_failure_is_resent_after_the_short_wait_and_throttling_after_the_long_one() throws Exception {
        RetryPolicy twoSchedules = policy.withTransientBackoff(Duration.ofMillis(200));
        Retrier r = new Retrier(twoSchedules, new Backoff(twoSchedules, new Random(0)), sleeper, limiter);
        r.call("OPEN_AI", failing(new HttpException(500, "server_error"), new HttpException(502, "bad gateway"),
                new dev.langchain4j.exception.TimeoutException("late")));
        assertThat(waits).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));
        waits.clear();
        r.call("OPEN_AI", failing(new HttpException(429, "rate_limit_exceeded"), new HttpException(529, "overloaded_error"),
                new HttpException(503, "slow down")));
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void quick_resends_stop_when_the_server_fails_too_often_and_come_back_as_it_answers() throws Exception {
        RetryPolicy twoSchedules = new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(60), 0.0,
                RetryPolicy.DEFAULT_MAX_RETRY_TIME, Duration.ofMillis(200));
        Retrier r = new Retrier(twoSchedules, new Backoff(twoSchedules, new Random(0)), sleeper, limiter);
        int quick = RetryQuota.CAPACITY / RetryQuota.RESEND_COST;
        for (int i = 0; i < quick; i++) { // every call fails three times: one quick resend, one on the long schedule
            assertThatThrownBy(() -> r.call("OPEN_AI",
                    failing(new HttpException(500, "a"), new HttpException(500, "b"), new HttpException(500, "c"))))
                    .isInstanceOf(Retrier.GaveUp.class)
                    .satisfies(e -> assertThat(((Retrier.GaveUp) e).attempts()).isEqualTo(3));
        }
        assertThat(waits).hasSize(2 * quick);
        assertThat(waits.stream().filter(Duration.ofMillis(200)::equals)).hasSize(quick);
        assertThat(r.quotaLeft("OPEN_AI")).as("no answer refilled the bucket").isZero();
        assertThat(r.quotaLeft("ANTHROPIC")).as("each server has its own quota").isEqualTo(RetryQuota.CAPACITY);

        waits.clear();
        r.call("OPEN_AI", failing(new HttpException(500, "c")));
        assertThat(waits).as("the bucket is empty: the long wait").containsExactly(Duration.ofSeconds(1));

        for (int i = 0; i < RetryQuota.RESEND_COST; i++) {
            r.call("OPEN_AI", failing()); // answered at the first attempt: one token each
        }
        waits.clear();
        r.call("OPEN_AI", failing(new HttpException(500, "d")));
        assertThat(waits).as("answers filled it again: the short wait").containsExactly(Duration.ofMillis(200));
        assertThat(r.quotaLeft("OPEN_AI")).as("the answer to that resend gave its cost back").isEqualTo(RetryQuota.RESEND_COST);
    }

    @Test
    void quick_resends_come_on_top_of_the_attempts_so_a_call_outlasts_an_outage_as_under_the_long_schedule()
            throws Exception {
        // a server down for half a minute (every request a 500) must cost no row, as with the long schedule alone
        RetryPolicy twoSchedules = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(60), 0.0,
                RetryPolicy.DEFAULT_MAX_RETRY_TIME, Duration.ofMillis(100));
        Retrier r = new Retrier(twoSchedules, new Backoff(twoSchedules, new Random(0)), sleeper, limiter);
        RuntimeException[] outage = new RuntimeException[10];
        java.util.Arrays.fill(outage, new HttpException(500, "server_error"));
        assertThat(r.call("OPEN_AI", failing(outage))).isEqualTo("ok after 10");
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(800), Duration.ofMillis(1600), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16));

        RuntimeException[] longer = new RuntimeException[11];
        java.util.Arrays.fill(longer, new HttpException(500, "server_error"));
        assertThatThrownBy(() -> r.call("OPEN_AI", failing(longer))).isInstanceOf(Retrier.GaveUp.class)
                .satisfies(e -> assertThat(((Retrier.GaveUp) e).attempts()).isEqualTo(11));
    }

    @Test
    void a_policy_with_one_schedule_makes_no_quick_resends() throws Exception {
        assertThat(policy.hasQuickResends()).isFalse();
        assertThatThrownBy(() -> retrier.call("OPEN_AI", failing(new HttpException(500, "a"), new HttpException(500, "b"),
                new HttpException(500, "c"), new HttpException(500, "d"))))
                .isInstanceOf(Retrier.GaveUp.class)
                .satisfies(e -> assertThat(((Retrier.GaveUp) e).attempts()).isEqualTo(4));
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void a_timeout_costs_the_quota_twice_what_a_server_error_does() throws Exception {
        RetryPolicy twoSchedules = policy.withTransientBackoff(Duration.ofMillis(200));
        Retrier r = new Retrier(twoSchedules, new Backoff(twoSchedules, new Random(0)), sleeper, limiter);
        assertThat(r.call("OPEN_AI", failing(new dev.langchain4j.exception.TimeoutException("late"),
                new HttpException(500, "a"), new HttpException(500, "b")))).isEqualTo("ok after 3");
        // the last quick resend was answered: its cost came back; the first two stay spent
        assertThat(r.quotaLeft("OPEN_AI")).isEqualTo(RetryQuota.CAPACITY - RetryQuota.TIMEOUT_RESEND_COST - RetryQuota.RESEND_COST);
    }

    @Test
    void retry_after_replaces_the_backoff() throws Exception {
        retrier.call("OPEN_AI", failing(new HttpStatusException(429, "slow", Duration.ofSeconds(7))));
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void a_non_retriable_failure_gives_up_at_once() {
        assertThatThrownBy(() -> retrier.call("OPEN_AI", failing(new AuthenticationException("bad key"))))
                .isInstanceOf(Retrier.GaveUp.class)
                .satisfies(e -> assertThat(((Retrier.GaveUp) e).attempts()).isEqualTo(1))
                .hasCauseInstanceOf(AuthenticationException.class);
        assertThat(waits).isEmpty();
        assertThat(limiter.available("OPEN_AI")).isEqualTo(1);
    }

    @Test
    void attempts_are_capped_by_the_policy() {
        RuntimeException busy = new HttpException(503, "busy");
        assertThatThrownBy(() -> retrier.call("OPEN_AI", failing(busy, busy, busy, busy, busy, busy)))
                .isInstanceOf(Retrier.GaveUp.class)
                .satisfies(e -> assertThat(((Retrier.GaveUp) e).attempts()).isEqualTo(4));
        assertThat(waits).hasSize(3);
        assertThat(retries).hasValue(3);
    }

    @Test
    void a_short_retry_after_is_retried_past_the_attempt_count_until_the_retry_time_is_spent() {
        RetryPolicy oneMinute = policy.withMaxRetryTime(Duration.ofSeconds(60));
        Retrier timed = new Retrier(oneMinute, new Backoff(oneMinute, new Random(0)), sleeper, limiter);
        RuntimeException throttled = new HttpStatusException(429, "slow down", Duration.ofSeconds(1));
        RuntimeException[] always = new RuntimeException[100];
        java.util.Arrays.fill(always, throttled);

        assertThatThrownBy(() -> timed.call("OPEN_AI", failing(always)))
                .isInstanceOf(Retrier.GaveUp.class)
                .satisfies(e -> {
                    Retrier.GaveUp g = (Retrier.GaveUp) e;
                    assertThat(g.outOfTime()).isTrue();
                    assertThat(g.attempts()).as("60 one-second waits, then the 61st would exceed the minute")
                            .isEqualTo(61);
                    assertThat(g.waited()).isEqualTo(Duration.ofSeconds(60));
                });
        assertThat(waits).hasSize(60).containsOnly(Duration.ofSeconds(1));
        assertThat(retries).as("resends sent").hasValue(60);
    }

    @Test
    void a_backoff_that_would_exceed_the_retry_time_gives_up_before_waiting() {
        RetryPolicy short5 = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(60), 0.0, Duration.ofSeconds(5));
        Retrier timed = new Retrier(short5, new Backoff(short5, new Random(0)), sleeper, limiter);
        RuntimeException busy = new HttpException(503, "busy");

        assertThatThrownBy(() -> timed.call("OPEN_AI", failing(busy, busy, busy, busy, busy)))
                .isInstanceOf(Retrier.GaveUp.class)
                .satisfies(e -> assertThat(((Retrier.GaveUp) e).outOfTime()).isTrue());
        assertThat(waits).as("1 + 2 s; another 4 s would make 7 > 5").containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }
}
