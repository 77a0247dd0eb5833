package dev.gradsum.llm;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;

/**
 * Step 1b, after a cache miss: identical requests in flight at the same time make one call. The first
 * caller of a key {@linkplain #join joins} as the one who calls; callers arriving while that call runs
 * wait for its outcome instead of paying again. No lock is held across a model call: the map holds one
 * future per key, only while its call runs. Thread-safe.
 */
final class InFlightCalls {
    private final ConcurrentMap<String, Call> calls = new ConcurrentHashMap<>();

    /** The call for {@code key}: a new one that the caller must make and {@link Call#end}, or the one already running. */
    Call join(String key) {
        Call mine = new Call(key, true);
        Call running = calls.putIfAbsent(key, mine);
        return running == null ? mine : running.forWaiter();
    }

    /** Keys with a call running now (for tests). */
    int size() {
        return calls.size();
    }

    /** One call in flight, seen by its maker ({@link #makes()}) or by a caller waiting for it. */
    final class Call {
        private final String key;
        private final boolean maker;
        private final CompletableFuture<Optional<LlmReply>> outcome;

        private Call(String key, boolean maker) {
            this(key, maker, new CompletableFuture<>());
        }

        private Call(String key, boolean maker, CompletableFuture<Optional<LlmReply>> outcome) {
            this.key = key;
            this.maker = maker;
            this.outcome = outcome;
        }

        private Call forWaiter() {
            return new Call(key, false, outcome);
        }

        /** True for the caller who makes the call; false for one who waits. */
        boolean makes() {
            return maker;
        }

        /**
         * Maker only (a later end is ignored): the reply, or empty when the call did not finish for the maker's own
         * reasons (interrupted, refused by the budget), so a waiter tries itself.
         */
        void end(Optional<LlmReply> reply) {
            outcome.complete(reply);
            calls.remove(key, this);
        }

        /** Maker only (a later end is ignored): the call failed for good, and its waiters fail the same way. */
        void end(Retrier.GaveUp failure) {
            outcome.completeExceptionally(failure);
            calls.remove(key, this);
        }

        /**
         * Waiter only: the maker's reply, or empty when the waiter should try itself.
         *
         * @throws Retrier.GaveUp when the maker's call failed for good
         */
        Optional<LlmReply> await() throws InterruptedException, Retrier.GaveUp {
            try {
                return outcome.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Retrier.GaveUp gaveUp) {
                    throw gaveUp;
                }
                throw new IllegalStateException("unexpected failure of an in-flight call", e.getCause());
            }
        }
    }
}
