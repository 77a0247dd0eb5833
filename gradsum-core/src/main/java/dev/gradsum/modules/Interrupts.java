package dev.gradsum.modules;

import dev.gradsum.GradSumException;

/** Tells a failed call apart from a stopped run: an interrupt must propagate, not become a row error. */
final class Interrupts {
    private Interrupts() {
    }

    /** Rethrows {@code e} when the current thread was interrupted or the failure was caused by an interrupt. */
    static void rethrowIfInterrupted(GradSumException e) {
        if (Thread.currentThread().isInterrupted()) {
            throw e;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw e;
            }
        }
    }
}
