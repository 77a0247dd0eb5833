package dev.gradsum.llm;

import dev.gradsum.internal.CallPriority;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Step 3: at most N calls in flight per provider name (N slots each). Not fair: the calls are
 * independent, so the order in which waiting callers get a slot does not matter, and a freed slot may
 * be taken by a caller that just came, without queue hand-off. One order is kept: a call marked as
 * background work ({@link CallPriority}) takes a slot only when no other call waits for one, so work
 * off the critical path fills idle slots without delaying the calls the run waits on. The default
 * applies to every provider without an override.
 */
final class ProviderLimiter {
    private final int defaultMax;
    private final Map<String, Integer> overrides;
    private final Map<String, Slots> slots = new ConcurrentHashMap<>();

    ProviderLimiter(int defaultMax, Map<String, Integer> overrides) {
        this.defaultMax = defaultMax;
        this.overrides = Map.copyOf(overrides);
    }

    int limit(String provider) {
        return overrides.getOrDefault(provider, defaultMax);
    }

    /** Takes a slot, waiting for one; behind every other waiting call when this thread's calls are background work. */
    void acquire(String provider) throws InterruptedException {
        slots(provider).acquire(CallPriority.background());
    }

    void release(String provider) {
        slots(provider).release();
    }

    /** Slots free right now (for tests and progress displays). */
    int available(String provider) {
        return slots(provider).available();
    }

    /** Whether a call waits for a slot right now (for tests). */
    boolean queued(String provider) {
        return slots(provider).queued();
    }

    private Slots slots(String provider) {
        return slots.computeIfAbsent(provider, p -> new Slots(limit(p)));
    }

    /** One provider's slots: a counting semaphore whose background callers yield to the others. */
    private static final class Slots {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition forCalls = lock.newCondition();
        private final Condition forBackground = lock.newCondition();
        private int free;
        private int waiting;
        private int waitingInBackground;

        Slots(int free) {
            this.free = free;
        }

        void acquire(boolean background) throws InterruptedException {
            lock.lockInterruptibly();
            try {
                if (background) {
                    waitingInBackground++;
                    try {
                        while (free == 0 || waiting > 0) {
                            forBackground.await();
                        }
                        free--;
                    } finally {
                        waitingInBackground--;
                        handOn(); // a slot still free (or this caller interrupted) goes to the next in line
                    }
                } else {
                    waiting++;
                    try {
                        while (free == 0) {
                            forCalls.await();
                        }
                        free--;
                    } finally {
                        waiting--;
                        handOn();
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        void release() {
            lock.lock();
            try {
                free++;
                handOn();
            } finally {
                lock.unlock();
            }
        }

        /** Wakes one caller for a free slot: a waiting call first, else a background one. Under the lock. */
        private void handOn() {
            if (free == 0) {
                return;
            }
            if (waiting > 0) {
                forCalls.signal();
            } else if (waitingInBackground > 0) {
                forBackground.signal();
            }
        }

        int available() {
            lock.lock();
            try {
                return free;
            } finally {
                lock.unlock();
            }
        }

        boolean queued() {
            lock.lock();
            try {
                return waiting + waitingInBackground > 0;
            } finally {
                lock.unlock();
            }
        }
    }
}
