package dev.gradsum.llm;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether a transient failure may be resent quickly (after the policy's {@code transientBackoff}), per
 * server: a token bucket, as the AWS SDKs' standard retry mode keeps one (initial 500 tokens, a resend
 * costs 5, or 10 after a timeout; an answer at the first attempt adds 1; an answer to a resend gives its
 * cost back; {@code INITIAL_RETRY_TOKENS}, {@code RETRY_COST}, {@code TIMEOUT_RETRY_COST},
 * {@code NO_RETRY_INCREMENT} in the AWS SDK for JavaScript v3, {@code @aws-sdk/middleware-retry}).
 * A server that answers most requests keeps the bucket full, so a stray 500 costs a short wait (a resend
 * that is answered gives its tokens back); one that fails everything empties it after 100 resends, one
 * that fails more than about three requests in ten (5p² &gt; (1 − p)², the resends that fail again against the
 * first attempts answered) slowly; from then on every retry waits the longer throttling schedule until
 * answers fill it again. Where AWS stops retrying on an empty bucket, gradsum
 * waits longer instead: a call given up is a row lost. Thread-safe.
 */
final class RetryQuota {
    static final int CAPACITY = 500;
    static final int RESEND_COST = 5;
    static final int TIMEOUT_RESEND_COST = 10;
    static final int ANSWER_REFILL = 1;

    private final Map<String, AtomicInteger> tokens = new ConcurrentHashMap<>();

    /** The cost of a quick resend after {@code failure}. */
    static int cost(Failure failure) {
        return failure.timeout() ? TIMEOUT_RESEND_COST : RESEND_COST;
    }

    /**
     * Takes {@code cost} tokens from the server's bucket when it holds that many.
     *
     * @return whether it did: the resend may be quick
     */
    boolean take(String server, int cost) {
        AtomicInteger bucket = bucket(server);
        while (true) {
            int now = bucket.get();
            if (now < cost) {
                return false;
            }
            if (bucket.compareAndSet(now, now - cost)) {
                return true;
            }
        }
    }

    /** An answer came: {@code refill} tokens back into the server's bucket, never above {@link #CAPACITY}. */
    void answered(String server, int refill) {
        if (refill > 0) {
            bucket(server).accumulateAndGet(refill, (now, add) -> Math.min(CAPACITY, now + add));
        }
    }

    /** Tokens left for the server (for tests). */
    int left(String server) {
        return bucket(server).get();
    }

    private AtomicInteger bucket(String server) {
        return tokens.computeIfAbsent(server, s -> new AtomicInteger(CAPACITY));
    }
}
