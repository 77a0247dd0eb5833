package dev.gradsum.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.llm.BudgetExceededException;
import dev.gradsum.search.StopReason;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlowTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void a_step_starts_when_its_input_is_in_and_await_gives_the_values_in_order() throws InterruptedException {
        Flow flow = new Flow(executor);
        CompletableFuture<Integer> two = flow.start(() -> 2);
        CompletableFuture<Integer> four = flow.then(two, x -> x * 2);
        CompletableFuture<String> text = flow.then(four, x -> "=" + x);

        assertThat(flow.await(List.of(text, flow.then(two, x -> "+" + x)))).containsExactly("=4", "+2");
    }

    @Test
    void a_failure_stops_the_flow_and_is_rethrown_once_the_running_steps_have_ended() throws Exception {
        Flow flow = new Flow(executor);
        CountDownLatch failed = new CountDownLatch(1);
        AtomicBoolean runningStepEnded = new AtomicBoolean();
        AtomicBoolean laterStepRan = new AtomicBoolean();
        CompletableFuture<String> slow = flow.start(() -> {
            await(failed);
            sleepALittle(); // a flow that did not wait for it would have rethrown by now
            runningStepEnded.set(true);
            return "slow";
        });
        CompletableFuture<String> failing = flow.start(() -> {
            failed.countDown();
            throw new BudgetExceededException("calls 10 of 10");
        });
        CompletableFuture<String> after = flow.then(failing, x -> {
            laterStepRan.set(true);
            return x;
        });

        assertThatThrownBy(() -> flow.await(List.of(after)))
                .isInstanceOf(BudgetExceededException.class)
                .satisfies(e -> assertThat(StopCause.of(e)).contains(StopReason.BUDGET));
        assertThat(runningStepEnded).as("await returned only after the running step ended").isTrue();
        assertThat(slow).isCompletedWithValue("slow");
        assertThat(laterStepRan).isFalse();
        CompletableFuture<String> startedAfterwards = flow.start(() -> {
            laterStepRan.set(true);
            return "late";
        });
        assertThat(startedAfterwards).isCompletedExceptionally();
        assertThat(laterStepRan).as("no step starts once the flow stopped").isFalse();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleepALittle() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
