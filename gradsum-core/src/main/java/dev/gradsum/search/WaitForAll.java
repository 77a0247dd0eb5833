package dev.gradsum.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs one stage's independent pieces of work at once on the run's executor and waits for all of
 * them, so a stage ends at a safe point even when one piece fails (unlike the modules' fail-fast
 * {@code Concurrently}, which returns at the first failure). The executor must not bound its
 * threads (pieces block on nested work of their own); the {@code Llm} path limits calls in flight.
 */
final class WaitForAll {
    private WaitForAll() {
    }

    /**
     * {@code work} applied to every item, results in item order. The first failure is rethrown as it
     * was thrown (unchecked) once all pieces have finished.
     *
     * @throws InterruptedException when the calling thread is interrupted; unfinished pieces are cancelled
     */
    static <T, R> List<R> map(ExecutorService executor, List<T> items, Function<T, R> work) throws InterruptedException {
        if (items.isEmpty()) {
            return List.of();
        }
        List<Callable<R>> tasks = new ArrayList<>(items.size());
        for (T item : items) {
            tasks.add(() -> work.apply(item));
        }
        List<Future<R>> futures = executor.invokeAll(tasks);
        List<R> results = new ArrayList<>(items.size());
        RuntimeException failure = null;
        for (Future<R> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                RuntimeException cause = unchecked(e.getCause());
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

    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
