package dev.gradsum.llm;

import dev.gradsum.internal.CallPriority;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Step 3: at most N calls in flight per provider name (N slots each). Waiting calls get a freed slot in
 * the order of their <b>place in line</b>, the oldest first: a call takes its place ({@link #place()}) when
 * it first asks for a slot and keeps it for every resend, so a call that waited out a backoff or a
 * Retry-After (holding no slot meanwhile) goes ahead of the calls that came after it instead of to the
 * back of the line. Without that, a row whose call failed once ends after every other row and its next
 * call fails, if it does, with nothing else left to send: the run's tail is its retries' waits one after
 * the other. A call marked as background work ({@link CallPriority}) takes a slot only when no other call
 * waits for one, so work off the critical path fills idle slots without delaying the calls the run waits
 * on. A slot is handed to the first in line only; a call arriving while others wait for a slot queues
 * behind them unless its place is older. The default applies to every provider without an override.
 */
final class ProviderLimiter {
    private final int defaultMax;
    private final Map<String, Integer> overrides;
    private final Map<String, Slots> slots = new ConcurrentHashMap<>();
    private final AtomicLong places = new AtomicLong();

    ProviderLimiter(int defaultMax, Map<String, Integer> overrides) {
        this.defaultMax = defaultMax;
        this.overrides = Map.copyOf(overrides);
    }

    int limit(String provider) {
        return overrides.getOrDefault(provider, defaultMax);
    }

    /** A new place in line, behind every place given before it: a call takes one and keeps it for its resends. */
    long place() {
        return places.incrementAndGet();
    }

    /** Takes a slot with a new place in line (for a call without resends, and tests). */
    void acquire(String provider) throws InterruptedException {
        acquire(provider, place());
    }

    /**
     * Takes a slot, waiting for one: before every waiting call of a later place, behind every other waiting
     * call when this thread's calls are background work.
     *
     * @param place this call's place in line ({@link #place()}), the same for each of its attempts
     */
    void acquire(String provider, long place) throws InterruptedException {
        slots(provider).acquire(new Waiter(CallPriority.background(), place));
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
        return waiting(provider) > 0;
    }

    /** How many calls wait for a slot right now (for tests). */
    int waiting(String provider) {
        return slots(provider).waiting();
    }

    private Slots slots(String provider) {
        return slots.computeIfAbsent(provider, p -> new Slots(limit(p)));
    }

    /** A call waiting for a slot: foreground before background, then the older place first. */
    private record Waiter(boolean background, long place) implements Comparable<Waiter> {
        @Override
        public int compareTo(Waiter other) {
            return background != other.background ? Boolean.compare(background, other.background)
                    : Long.compare(place, other.place);
        }
    }

    /** One provider's slots: a counting semaphore that hands a freed slot to the first waiter in line. */
    private static final class Slots {
        private final ReentrantLock lock = new ReentrantLock();
        private final PriorityQueue<Queued> line = new PriorityQueue<>();
        private int free;

        Slots(int free) {
            this.free = free;
        }

        void acquire(Waiter waiter) throws InterruptedException {
            lock.lockInterruptibly();
            try {
                if (free > 0 && (line.isEmpty() || waiter.compareTo(line.peek().waiter) < 0)) {
                    free--; // nobody waits ahead of this call
                    return;
                }
                Queued me = new Queued(waiter, lock.newCondition());
                line.add(me);
                try {
                    while (free == 0 || line.peek() != me) {
                        me.turn.await();
                    }
                    free--;
                } finally {
                    line.remove(me);
                    handOn(); // a slot still free (or this caller interrupted) goes to the next in line
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

        /** Wakes the first in line when a slot is free. Under the lock. */
        private void handOn() {
            if (free > 0 && !line.isEmpty()) {
                line.peek().turn.signal();
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

        int waiting() {
            lock.lock();
            try {
                return line.size();
            } finally {
                lock.unlock();
            }
        }
    }

    /** A waiter in the line, with the condition it waits on (identity, not value: two calls never share one). */
    private static final class Queued implements Comparable<Queued> {
        private final Waiter waiter;
        private final Condition turn;

        Queued(Waiter waiter, Condition turn) {
            this.waiter = waiter;
            this.turn = turn;
        }

        @Override
        public int compareTo(Queued other) {
            return waiter.compareTo(other.waiter);
        }
    }
}
