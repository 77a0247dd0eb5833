package dev.gradsum.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FanoutTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** One mode of the fan-out, as the tests that hold for both call it. */
    private interface Mode {
        List<Integer> map(ExecutorService executor, List<Integer> items, Function<Integer, Integer> work)
                throws InterruptedException;
    }

    private static final List<Mode> BOTH = List.of(Fanout::failFast, Fanout::waitForAll);

    @Test
    void pieces_run_on_other_threads_keep_the_callers_call_priority() {
        for (boolean failFast : new boolean[] {true, false}) {
            List<Boolean> marks = CallPriority.inBackground(() -> {
                try {
                    return failFast
                            ? Fanout.failFast(executor, List.of(1, 2, 3), i -> CallPriority.background())
                            : Fanout.waitForAll(executor, List.of(1, 2, 3), i -> CallPriority.background());
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            assertThat(marks).as(failFast ? "failFast" : "waitForAll").containsExactly(true, true, true);
            assertThat(CallPriority.background()).as("restored on the caller's thread").isFalse();
        }
    }

    @Test
    void results_come_back_in_input_order_whatever_order_they_finish_in() throws Exception {
        for (Mode mode : BOTH) {
            List<Integer> items = IntStream.range(0, 20).boxed().toList();
            CountDownLatch lastFirst = new CountDownLatch(1);
            List<Integer> out = mode.map(executor, items, i -> {
                if (i == 19) {
                    lastFirst.countDown();
                } else if (i < 4) {
                    await(lastFirst); // the first items finish only after the last one
                }
                return i * 10;
            });
            assertThat(out).isEqualTo(IntStream.range(0, 20).map(i -> i * 10).boxed().toList());
        }
    }

    @Test
    void an_empty_list_maps_to_an_empty_list() throws Exception {
        for (Mode mode : BOTH) {
            assertThat(mode.map(executor, List.of(), i -> i)).isEmpty();
        }
    }

    @Test
    void fail_fast_never_has_more_than_the_window_of_items_running_so_threads_stay_bounded() throws Exception {
        int n = Fanout.FAIL_FAST_WINDOW * 8;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Integer> out = Fanout.failFast(executor, IntStream.range(0, n).boxed().toList(), i -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            LockSupport.parkNanos(200_000);
            running.decrementAndGet();
            return i;
        });
        assertThat(out).hasSize(n).startsWith(0, 1, 2).endsWith(n - 1);
        assertThat(most.get()).isLessThanOrEqualTo(Fanout.FAIL_FAST_WINDOW).isGreaterThan(1);
    }

    @Test
    void fail_fast_rethrows_a_failure_as_itself_without_waiting_for_the_rest() {
        CountDownLatch never = new CountDownLatch(1);
        assertThatThrownBy(() -> Fanout.failFast(executor, List.of(1, 2, 3), i -> {
            if (i == 2) {
                throw new IllegalStateException("row 2 broke");
            }
            await(never);
            return i;
        })).isExactlyInstanceOf(IllegalStateException.class).hasMessage("row 2 broke");
        never.countDown();
    }

    @Test
    void wait_for_all_lets_every_piece_finish_before_it_rethrows_the_first_failure_in_item_order() {
        AtomicInteger finished = new AtomicInteger();
        CountDownLatch firstFailed = new CountDownLatch(1);
        IllegalStateException first = new IllegalStateException("piece 1 broke");
        IllegalArgumentException second = new IllegalArgumentException("piece 3 broke");
        assertThatThrownBy(() -> Fanout.waitForAll(executor, List.of(0, 1, 2, 3), i -> {
            if (i == 1) {
                await(firstFailed);
                throw first;
            }
            if (i == 3) {
                firstFailed.countDown(); // piece 3 fails before piece 1: item order still decides
                throw second;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            finished.incrementAndGet();
            return i;
        })).isSameAs(first).satisfies(e -> assertThat(e.getSuppressed()).containsExactly(second));
        assertThat(finished).hasValue(2);
    }

    @Test
    void wait_for_all_adds_one_failure_thrown_by_several_pieces_only_once() {
        IllegalStateException shared = new IllegalStateException("the budget is spent");
        assertThatThrownBy(() -> Fanout.waitForAll(executor, List.of(1, 2, 3), i -> {
            throw shared;
        })).isSameAs(shared).satisfies(e -> assertThat(e.getSuppressed()).isEmpty());
    }

    @Test
    void a_checked_failure_is_rethrown_unchecked_with_it_as_the_cause() throws Exception {
        Exception checked = new Exception("checked");
        for (Mode mode : BOTH) {
            assertThatThrownBy(() -> mode.map(executor, List.of(1), i -> sneakyThrow(checked)))
                    .isExactlyInstanceOf(IllegalStateException.class).hasCause(checked);
        }
    }

    @Test
    void interrupting_the_waiting_thread_throws_interrupted_and_cancels_the_unfinished_pieces() throws Exception {
        for (Mode mode : BOTH) {
            CountDownLatch started = new CountDownLatch(1);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicBoolean pieceInterrupted = new AtomicBoolean();
            CountDownLatch pieceEnded = new CountDownLatch(1);
            Thread caller = new Thread(() -> {
                try {
                    mode.map(executor, List.of(1), i -> {
                        started.countDown();
                        try {
                            new CountDownLatch(1).await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            pieceInterrupted.set(true);
                        } finally {
                            pieceEnded.countDown();
                        }
                        return i;
                    });
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            caller.start();
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            caller.interrupt();
            caller.join(10_000);
            assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
            if (mode == BOTH.get(1)) { // invokeAll cancels with interruption; a CompletableFuture cannot interrupt
                assertThat(pieceEnded.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(pieceInterrupted).isTrue();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> Integer sneakyThrow(Throwable e) throws E {
        throw (E) e;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
