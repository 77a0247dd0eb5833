package dev.gradsum.llm;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Step 3: at most N calls in flight per provider name (a semaphore each). Not fair: the calls are
 * independent, so the order in which waiting callers get a permit does not matter, and an unfair
 * semaphore lets a released permit be taken without queue hand-off. The default applies to every
 * provider without an override.
 */
final class ProviderLimiter {
    private final int defaultMax;
    private final Map<String, Integer> overrides;
    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();

    ProviderLimiter(int defaultMax, Map<String, Integer> overrides) {
        this.defaultMax = defaultMax;
        this.overrides = Map.copyOf(overrides);
    }

    int limit(String provider) {
        return overrides.getOrDefault(provider, defaultMax);
    }

    void acquire(String provider) throws InterruptedException {
        semaphore(provider).acquire();
    }

    void release(String provider) {
        semaphore(provider).release();
    }

    /** Permits free right now (for tests and progress displays). */
    int available(String provider) {
        return semaphore(provider).availablePermits();
    }

    /** Whether a call waits for a permit right now (for tests). */
    boolean queued(String provider) {
        return semaphore(provider).hasQueuedThreads();
    }

    private Semaphore semaphore(String provider) {
        return permits.computeIfAbsent(provider, p -> new Semaphore(limit(p)));
    }
}
