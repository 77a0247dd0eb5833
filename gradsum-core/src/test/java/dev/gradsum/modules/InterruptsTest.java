package dev.gradsum.modules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.llm.LlmException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InterruptsTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void interrupting_the_thread_waiting_for_a_fan_out_propagates_the_interrupt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                Interrupts.failFast(List.of(1), i -> {
                    started.countDown();
                    try {
                        never.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
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
        assertThat(thrown.get()).isInstanceOf(Interrupts.InterruptedRun.class)
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(flag.get()).isTrue();
    }

    @Test
    void a_failure_caused_by_an_interrupt_is_rethrown_and_sets_the_flag_again() throws Exception {
        LlmException stopped = new LlmException("target: interrupted", new RuntimeException(new InterruptedException()));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                Interrupts.rethrowIfInterrupted(stopped);
            } catch (Throwable e) {
                thrown.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        t.start();
        t.join(10_000);
        assertThat(thrown.get()).isSameAs(stopped);
        assertThat(flag.get()).isTrue();
    }

    @Test
    void a_plain_failure_is_left_to_the_caller() {
        Interrupts.rethrowIfInterrupted(new LlmException("target: HTTP 400", new IllegalStateException("bad")));
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
