package dev.gradsum.modules;

import dev.gradsum.exception.GradSumException;
import dev.gradsum.internal.Causes;
import dev.gradsum.internal.Fanout;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Tells a failed call apart from a stopped run: an interrupt must propagate, not become a row error.
 * The modules' unchecked face of an interrupt is {@link InterruptedRun}.
 */
final class Interrupts {
    private Interrupts() {
    }

    /** Rethrows {@code e} when the current thread was interrupted or the failure was caused by an interrupt. */
    static void rethrowIfInterrupted(GradSumException e) {
        if (Thread.currentThread().isInterrupted()) {
            throw e;
        }
        if (Causes.has(e, InterruptedException.class)) {
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    /**
     * The modules' ordered fan-out: {@link Fanout#failFast} (the first failure is rethrown as itself,
     * the rest cancelled); an interrupt of the waiting thread becomes {@link InterruptedRun}, with the
     * thread's interrupt flag set again.
     */
    static <T, R> List<R> failFast(List<T> items, Function<? super T, ? extends R> work, Executor executor) {
        try {
            return Fanout.failFast(executor, items, work);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedRun(e);
        }
    }

    /** The thread waiting for the results was interrupted; its interrupt flag is set again. */
    static final class InterruptedRun extends GradSumException {
        InterruptedRun(InterruptedException cause) {
            super("interrupted", cause);
        }
    }
}
