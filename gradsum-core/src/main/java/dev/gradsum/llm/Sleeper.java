package dev.gradsum.llm;

import java.time.Duration;

/** Waits. The time seam of the retry path: tests pass a sleeper that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    static Sleeper system() {
        return d -> Thread.sleep(d.toMillis());
    }
}
