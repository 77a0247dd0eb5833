package dev.gradsum.cli.provider;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stops the command at the first failure that will hit every call of a model, so retrying or carrying
 * on is pointless. Which failures those are is core's rule ({@link dev.gradsum.llm.Failure#fatalStatus},
 * {@link dev.gradsum.llm.Failure#unreachable}: a refused key, an unknown model or path, a server that
 * cannot be reached); {@link StatusHttpClient} asks it and reports here. The first one is kept and the
 * run's thread interrupted, so the search stops at once and the command exits with that one line
 * instead of finishing a run in which every answer failed.
 */
public final class FatalFailures {
    private final AtomicReference<String> first = new AtomicReference<>();
    private volatile Thread runThread;

    /** The thread to interrupt on the first fatal failure (the one running the search). */
    public void interruptOnFailure(Thread thread) {
        this.runThread = thread;
    }

    void report(String message) {
        if (first.compareAndSet(null, message)) {
            Thread t = runThread;
            if (t != null) {
                t.interrupt();
            }
        }
    }

    /** The first fatal failure's one-line message, if any happened. */
    public Optional<String> first() {
        return Optional.ofNullable(first.get());
    }
}
