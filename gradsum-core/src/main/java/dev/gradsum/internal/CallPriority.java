package dev.gradsum.internal;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Whether the model calls a thread makes are <b>background</b> work: off the critical path of the work
 * they serve, so they take a server slot only when no other call waits for one (the call path's limiter
 * reads it). The search marks the initial prompt's validation this way: it depends on nothing and may
 * run in the slots the iteration's chain of steps leaves idle, without delaying that chain. The mark is
 * the thread's; {@link Fanout} carries it into the pieces it runs on other threads.
 */
public final class CallPriority {
    private static final ThreadLocal<Boolean> BACKGROUND = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private CallPriority() {
    }

    /** Whether this thread's calls are background work now. */
    public static boolean background() {
        return BACKGROUND.get();
    }

    /** Runs {@code work} with this thread's calls marked as background work, then restores the mark. */
    public static <T> T inBackground(Supplier<T> work) {
        return with(true, work);
    }

    /** {@code work} as it is to run on another thread: with the mark this thread has now. */
    static <T, R> Function<T, R> carried(Function<? super T, ? extends R> work) {
        boolean mark = background();
        return item -> with(mark, () -> work.apply(item));
    }

    private static <T> T with(boolean mark, Supplier<T> work) {
        boolean before = BACKGROUND.get();
        BACKGROUND.set(mark);
        try {
            return work.get();
        } finally {
            BACKGROUND.set(before);
        }
    }
}
