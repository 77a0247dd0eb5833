package dev.gradsum.llm;

import dev.gradsum.internal.CallPriority;
import java.time.Duration;
import java.util.ArrayDeque;
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
 * waits for one, and only a slot that has been free for {@link #BACKGROUND_GRACE} at least: a row's next
 * call (its verdict after its answer, its gradient after its verdict) is sent a few milliseconds after the
 * reply that freed the slot, and without the grace a waiting background call would take the slot in that
 * gap and make the row's next call wait a whole reply for another. So work off the critical path fills
 * the slots the run leaves idle without delaying the calls the run waits on. A slot is handed to the first
 * in line only; a call arriving while others wait for a slot queues behind them unless its place is
 * older. The default applies to every provider without an override.
 */
final class ProviderLimiter {
    /** How long a freed slot is kept for the run's own calls before background work may take it. */
    static final Duration BACKGROUND_GRACE = Duration.ofMillis(20);

    private final int defaultMax;
    private final Map<String, Integer> overrides;
    private final long graceNanos;
    private final Map<String, Slots> slots = new ConcurrentHashMap<>();
    private final AtomicLong places = new AtomicLong();

    ProviderLimiter(int defaultMax, Map<String, Integer> overrides) {
        this(defaultMax, overrides, BACKGROUND_GRACE);
    }

    /** @param grace how long a freed slot is kept from background work (tests set another) */
    ProviderLimiter(int defaultMax, Map<String, Integer> overrides, Duration grace) {
        this.defaultMax = defaultMax;
        this.overrides = Map.copyOf(overrides);
        this.graceNanos = grace.toNanos();
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

    /** How many calls wait for a slot right now (for tests). */
    int waiting(String provider) {
        return slots(provider).waiting();
    }

    private Slots slots(String provider) {
        return slots.computeIfAbsent(provider, p -> new Slots(limit(p), graceNanos));
    }

    /** A call waiting for a slot: foreground before background, then the older place first. */
    private record Waiter(boolean background, long place) implements Comparable<Waiter> {
        @Override
        public int compareTo(Waiter other) {
            return background != other.background ? Boolean.compare(background, other.background)
                    : Long.compare(place, other.place);
        }
    }

    /**
     * One provider's slots: a counting semaphore that hands a freed slot to the first waiter in line. It
     * keeps when each free slot was freed: a call takes the one freed last, background work the one free
     * longest, and only once it has been free for the grace.
     */
    private static final class Slots {
        private final ReentrantLock lock = new ReentrantLock();
        private final PriorityQueue<Queued> line = new PriorityQueue<>();
        private final ArrayDeque<Long> freeSince = new ArrayDeque<>(); // oldest first; one entry per free slot
        private final long graceNanos;

        Slots(int free, long graceNanos) {
            this.graceNanos = graceNanos;
            for (int i = 0; i < free; i++) {
                freeSince.addLast(Long.MIN_VALUE); // never used: free for as long as background work likes
            }
        }

        void acquire(Waiter waiter) throws InterruptedException {
            lock.lockInterruptibly();
            try {
                if ((line.isEmpty() || waiter.compareTo(line.peek().waiter) < 0) && waitFor(waiter) == 0) {
                    take(waiter); // nobody waits ahead of this call
                    return;
                }
                Queued me = new Queued(waiter, lock.newCondition());
                line.add(me);
                try {
                    while (true) {
                        long wait = line.peek() == me ? waitFor(waiter) : -1;
                        if (wait == 0) {
                            break;
                        }
                        if (wait < 0) {
                            me.turn.await();
                        } else {
                            me.turn.awaitNanos(wait);
                        }
                    }
                    take(waiter);
                } finally {
                    line.remove(me);
                    handOn(); // a slot still free (or this caller interrupted) goes to the next in line
                }
            } finally {
                lock.unlock();
            }
        }

        /** 0: a slot is there for the waiter now; &gt; 0: nanoseconds until one is (its grace); -1: none is free. */
        private long waitFor(Waiter waiter) {
            if (freeSince.isEmpty()) {
                return -1;
            }
            if (!waiter.background()) {
                return 0;
            }
            long oldest = freeSince.peekFirst();
            if (oldest == Long.MIN_VALUE) {
                return 0;
            }
            long left = oldest + graceNanos - System.nanoTime();
            return Math.max(0, left);
        }

        private void take(Waiter waiter) {
            if (waiter.background()) {
                freeSince.pollFirst();
            } else {
                freeSince.pollLast();
            }
        }

        void release() {
            lock.lock();
            try {
                freeSince.addLast(System.nanoTime());
                handOn();
            } finally {
                lock.unlock();
            }
        }

        /** Wakes the first in line when a slot is free. Under the lock. */
        private void handOn() {
            if (!freeSince.isEmpty() && !line.isEmpty()) {
                line.peek().turn.signal();
            }
        }

        int available() {
            lock.lock();
            try {
                return freeSince.size();
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
