package dev.gradsum.engine;

import dev.gradsum.internal.Causes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The work of one iteration as a graph of steps on the executor, so that rows flow through the stages:
 * a step starts as soon as the step it needs has ended ({@link #then}), not when a whole stage has, and
 * the search thread waits ({@link #await}) only where the algorithm needs every result. The executor
 * must not bound its threads (steps block on nested work, a module's rows); the {@code Llm} call path
 * alone limits the calls in flight.
 *
 * <p>A step that throws stops the flow: no further step starts, and {@link #await} rethrows that first
 * failure as the step threw it, once every step already started has ended (a safe point: nothing left
 * running behind the caller's back), with the failures of the others added as suppressed (so a budget
 * stop is found, {@link StopCause}). An interrupt of the waiting thread stops the flow and cancels the
 * running steps (interrupting them). One instance serves one iteration.
 */
final class Flow {
    private final ExecutorService executor;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final List<Future<?>> started = new ArrayList<>();
    private Throwable failure;
    private boolean cancelled;

    Flow(ExecutorService executor) {
        this.executor = executor;
    }

    /** A step that starts now. */
    <R> CompletableFuture<R> start(Supplier<? extends R> work) {
        CompletableFuture<R> result = new CompletableFuture<>();
        submit(work, result);
        return result;
    }

    /** A step that starts as soon as {@code input} has its value (a failed input fails it, without running it). */
    <T, R> CompletableFuture<R> then(CompletableFuture<T> input, Function<? super T, ? extends R> work) {
        CompletableFuture<R> result = new CompletableFuture<>();
        input.whenComplete((value, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                submit(() -> work.apply(value), result);
            }
        });
        return result;
    }

    /** The values of {@code steps}, in order, once all have them (see the class comment for failures). */
    <T> List<T> await(List<CompletableFuture<T>> steps) throws InterruptedException {
        CompletableFuture<Void> all = CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new));
        try {
            if (Thread.interrupted()) { // get() of steps already done would not notice it
                throw new InterruptedException();
            }
            CompletableFuture.anyOf(all, stopped).get();
        } catch (InterruptedException e) {
            cancel();
            throw e;
        } catch (ExecutionException e) {
            // the flow stopped: handled below
        }
        Throwable first = failure();
        if (first != null) {
            waitForStartedSteps();
            throw Causes.unchecked(first);
        }
        List<T> values = new ArrayList<>(steps.size());
        for (CompletableFuture<T> step : steps) {
            values.add(step.join());
        }
        return values;
    }

    private synchronized <R> void submit(Supplier<? extends R> work, CompletableFuture<R> result) {
        if (failure != null || cancelled) {
            result.completeExceptionally(new CancellationException("the iteration stopped"));
            return;
        }
        try {
            started.add(executor.submit(() -> {
                R value;
                try {
                    value = work.get();
                } catch (Throwable t) {
                    fail(t);
                    result.completeExceptionally(t);
                    return;
                }
                result.complete(value);
            }));
        } catch (RejectedExecutionException e) {
            fail(e);
            result.completeExceptionally(e);
        }
    }

    private void fail(Throwable t) {
        synchronized (this) {
            if (failure == null) {
                failure = t;
            } else if (failure != t) {
                failure.addSuppressed(t);
            }
        }
        stopped.complete(null);
    }

    private synchronized Throwable failure() {
        return failure;
    }

    /** After a failure no step starts any more, so the steps started so far are all there will be. */
    private void waitForStartedSteps() throws InterruptedException {
        List<Future<?>> steps;
        synchronized (this) {
            steps = List.copyOf(started);
        }
        for (Future<?> step : steps) {
            try {
                step.get();
            } catch (InterruptedException e) {
                cancel();
                throw e;
            } catch (ExecutionException | CancellationException e) {
                // the step recorded its own failure
            }
        }
    }

    private void cancel() {
        List<Future<?>> steps;
        synchronized (this) {
            cancelled = true;
            steps = List.copyOf(started);
        }
        steps.forEach(step -> step.cancel(true));
    }
}
