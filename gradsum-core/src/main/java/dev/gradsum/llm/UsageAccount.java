package dev.gradsum.llm;

import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The run's usage per role and in total; every change is atomic, so totals match the sum of roles. A
 * resumed run starts from what its earlier attempts spent, and its search replays their requests from
 * the cache: as many cache hits per role as those attempts made requests (paid or cached) are replays,
 * {@link #replay}, not counted again, so the totals come out as an uninterrupted run's.
 */
final class UsageAccount {
    static final Usage ONE_CACHED = new Usage(0, 1, 0, 0, 0, 0, 0);
    static final Usage ONE_RETRY = new Usage(0, 0, 1, 0, 0, 0, 0);
    static final Usage ONE_FAILURE = new Usage(0, 0, 0, 1, 0, 0, 0);

    private final EnumMap<Role, Usage> byRole = new EnumMap<>(Role.class);
    private final EnumMap<Role, Long> replaysLeft = new EnumMap<>(Role.class);
    private Usage total = Usage.ZERO;

    UsageAccount(Map<Role, Usage> spentBefore) {
        spentBefore.forEach(this::add);
        spentBefore.forEach((role, u) -> replaysLeft.put(role, u.calls() + u.cachedCalls()));
    }

    /** Whether a cache hit of {@code role} replays an earlier attempt's request (then it is not counted). */
    synchronized boolean replay(Role role) {
        long left = replaysLeft.getOrDefault(role, 0L);
        if (left <= 0) {
            return false;
        }
        replaysLeft.put(role, left - 1);
        return true;
    }

    /**
     * One paid call.
     *
     * @param estimated whether its tokens were counted by gradsum (the answer reported none)
     * @param priced    whether the price table knows its model
     */
    static Usage paid(long inputTokens, long outputTokens, double costUsd, boolean estimated, boolean priced) {
        return new Usage(1, 0, 0, 0, inputTokens, outputTokens, costUsd, estimated ? 1 : 0, priced ? 0 : 1);
    }

    /** A call the provider answered (and billed) with no usable answer: a failure, with its tokens and cost. */
    static Usage failed(long inputTokens, long outputTokens, double costUsd) {
        return new Usage(0, 0, 0, 1, inputTokens, outputTokens, costUsd);
    }

    /** Adds {@code usage} to {@code role} and returns the new total of all roles. */
    synchronized Usage add(Role role, Usage usage) {
        byRole.merge(role, usage, Usage::plus);
        total = total.plus(usage);
        return total;
    }

    synchronized Usage total() {
        return total;
    }

    synchronized Map<Role, Usage> byRole() {
        return Collections.unmodifiableMap(new EnumMap<>(byRole));
    }
}
