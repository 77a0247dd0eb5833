package dev.gradsum.cli.provider;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Failures that will hit every call of a model, so retrying or carrying on is pointless: a refused
 * key (401, 403, or Google's 400 with reason {@code API_KEY_INVALID}), an unknown model or path (404),
 * a server that cannot be reached. The first one is
 * kept and the run's thread interrupted, so the search stops at once and the command exits with that
 * one line instead of finishing a run in which every answer failed.
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

    /** Whether an answer with {@code status} and error {@code body} will be the answer to every call. */
    static boolean fatalStatus(int status, String body) {
        return status == 401 || status == 403 || status == 404 || refusedGoogleKey(status, body);
    }

    /** Google's Gemini API refuses a bad key with 400 INVALID_ARGUMENT, reason {@code API_KEY_INVALID}. */
    static boolean refusedGoogleKey(int status, String body) {
        return status == 400 && body != null && body.contains("\"API_KEY_INVALID\"");
    }
}
