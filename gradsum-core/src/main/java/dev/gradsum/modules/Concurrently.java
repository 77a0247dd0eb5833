package dev.gradsum.modules;

import dev.gradsum.GradSumException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Maps a list over an {@link Executor}: every item is submitted at once (the {@code Llm} call path
 * limits how many calls are really in flight), results come back in input order. As soon as an
 * item fails, the rest are cancelled and that first failure's own exception is rethrown (not an {@link ExecutionException}), so a
 * {@code BudgetExceededException} reaches the search unchanged. When the waiting thread is
 * interrupted, the remaining items are cancelled and the interrupt propagates.
 *
 * <p>The executor must not run out of threads while callers wait on it: do not call this from a
 * task of a fixed-size pool that is also passed here.
 */
final class Concurrently {
    private Concurrently() {
    }

    static <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> function, Executor executor) {
        List<CompletableFuture<R>> futures = new ArrayList<>(items.size());
        CompletableFuture<Void> firstFailure = new CompletableFuture<>();
        for (T item : items) {
            CompletableFuture<R> future = CompletableFuture.supplyAsync(() -> function.apply(item), executor);
            future.whenComplete((result, failure) -> {
                if (failure != null) {
                    firstFailure.completeExceptionally(failure);
                }
            });
            futures.add(future);
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
        try {
            CompletableFuture.anyOf(all, firstFailure).get();
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new InterruptedRun(e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            throw rethrowable(unwrap(e));
        }
        List<R> results = new ArrayList<>(items.size());
        for (CompletableFuture<R> future : futures) {
            results.add(future.join());
        }
        return results;
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static RuntimeException rethrowable(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new GradSumException(String.valueOf(failure.getMessage()), failure);
    }

    /** The thread waiting for the results was interrupted; its interrupt flag is set again. */
    static final class InterruptedRun extends GradSumException {
        InterruptedRun(InterruptedException cause) {
            super("interrupted", cause);
        }
    }
}
