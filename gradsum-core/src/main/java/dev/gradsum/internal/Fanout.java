package dev.gradsum.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Maps a list over an executor, results in input order, in one of two modes:
 * <ul>
 *   <li>{@link #failFast}: returns at the first failure, cancelling the rest. For work whose
 *       pieces are parts of one answer (a module's rows): one failure fails the whole.</li>
 *   <li>{@link #waitForAll}: waits for every piece even when one fails, so a stage ends at a safe
 *       point (nothing still running behind the caller's back).</li>
 * </ul>
 * In both modes a failure is rethrown as the piece threw it (unchecked; not wrapped in an
 * {@link ExecutionException}), so a budget or interrupt cause reaches the caller unchanged, and an
 * interrupt of the waiting thread cancels the unfinished pieces and is thrown as
 * {@link InterruptedException}. The {@code Llm} call path, not this class, limits the calls in flight.
 */
public final class Fanout {
    private Fanout() {
    }

    /** Most pieces {@link #failFast} has submitted and not yet finished, per call. */
    public static final int FAIL_FAST_WINDOW = 256;

    /**
     * {@code work} applied to every item, at most {@value #FAIL_FAST_WINDOW} at a time (so a
     * 100,000-row evaluation does not hold 100,000 threads). As soon as a piece fails, the rest are
     * cancelled and that first failure is rethrown.
     *
     * <p>The executor must not run out of threads while callers wait on it: do not call this from a
     * task of a fixed-size pool that is also passed here.
     *
     * @throws InterruptedException when the calling thread is interrupted; the remaining pieces are cancelled
     */
    public static <T, R> List<R> failFast(Executor executor, List<T> items, Function<? super T, ? extends R> work)
            throws InterruptedException {
        List<CompletableFuture<R>> futures = new ArrayList<>(items.size());
        Function<? super T, ? extends R> carried = CallPriority.carried(work); // the pieces' calls keep the caller's priority
        CompletableFuture<Void> firstFailure = new CompletableFuture<>();
        Semaphore window = new Semaphore(FAIL_FAST_WINDOW);
        try {
            for (T item : items) {
                window.acquire();
                if (firstFailure.isDone()) {
                    window.release();
                    break;
                }
                CompletableFuture<R> future = CompletableFuture.supplyAsync(() -> carried.apply(item), executor);
                future.whenComplete((result, failure) -> {
                    window.release();
                    if (failure != null) {
                        firstFailure.completeExceptionally(failure);
                    }
                });
                futures.add(future);
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
            CompletableFuture.anyOf(all, firstFailure).get();
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            throw Causes.unchecked(Causes.unwrap(e, ExecutionException.class, CompletionException.class));
        }
        List<R> results = new ArrayList<>(items.size());
        for (CompletableFuture<R> future : futures) {
            results.add(future.join());
        }
        return results;
    }

    /**
     * {@code work} applied to every item, all submitted at once; returns when every piece has ended.
     * The first failure (in item order) is rethrown then, with the other pieces' failures added to it
     * as suppressed. The executor must not bound its threads (pieces may block on nested work of their own).
     *
     * @throws InterruptedException when the calling thread is interrupted; unfinished pieces are cancelled
     */
    public static <T, R> List<R> waitForAll(ExecutorService executor, List<T> items,
                                            Function<? super T, ? extends R> work) throws InterruptedException {
        if (items.isEmpty()) {
            return List.of();
        }
        List<Callable<R>> tasks = new ArrayList<>(items.size());
        Function<? super T, ? extends R> carried = CallPriority.carried(work); // the pieces' calls keep the caller's priority
        for (T item : items) {
            tasks.add(() -> carried.apply(item));
        }
        List<Future<R>> futures = executor.invokeAll(tasks);
        List<R> results = new ArrayList<>(items.size());
        RuntimeException failure = null;
        for (Future<R> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                RuntimeException cause = Causes.unchecked(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else if (failure != cause) {
                    failure.addSuppressed(cause);
                }
                results.add(null);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }
}
