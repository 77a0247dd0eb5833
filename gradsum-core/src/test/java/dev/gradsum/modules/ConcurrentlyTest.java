package dev.gradsum.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrentlyTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void results_come_back_in_input_order_whatever_order_they_finish_in() {
        List<Integer> items = IntStream.range(0, 20).boxed().toList();
        CountDownLatch lastFirst = new CountDownLatch(1);
        List<Integer> out = Concurrently.map(items, i -> {
            if (i == 19) {
                lastFirst.countDown();
            } else if (i < 4) {
                await(lastFirst); // the first items finish only after the last one
            }
            return i * 10;
        }, executor);
        assertThat(out).isEqualTo(IntStream.range(0, 20).map(i -> i * 10).boxed().toList());
    }

    @Test
    void a_failure_is_rethrown_as_itself_without_waiting_for_the_rest() {
        CountDownLatch never = new CountDownLatch(1);
        assertThatThrownBy(() -> Concurrently.map(List.of(1, 2, 3), i -> {
            if (i == 2) {
                throw new IllegalStateException("row 2 broke");
            }
            await(never);
            return i;
        }, executor)).isExactlyInstanceOf(IllegalStateException.class).hasMessage("row 2 broke");
        never.countDown();
    }

    @Test
    void interrupting_the_waiting_thread_propagates_the_interrupt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                Concurrently.map(List.of(1), i -> {
                    started.countDown();
                    await(never);
                    return i;
                }, executor);
            } catch (Throwable t) {
                thrown.set(t);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        caller.join(10_000);
        never.countDown();
        assertThat(thrown.get()).isInstanceOf(Concurrently.InterruptedRun.class);
        assertThat(flag.get()).isTrue();
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
