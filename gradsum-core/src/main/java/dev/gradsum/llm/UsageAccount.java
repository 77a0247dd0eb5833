package dev.gradsum.llm;

import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The run's usage per role and in total; every change is atomic, so totals match the sum of roles. */
final class UsageAccount {
    static final Usage ONE_CACHED = new Usage(0, 1, 0, 0, 0, 0, 0);
    static final Usage ONE_RETRY = new Usage(0, 0, 1, 0, 0, 0, 0);
    static final Usage ONE_FAILURE = new Usage(0, 0, 0, 1, 0, 0, 0);

    private final EnumMap<Role, Usage> byRole = new EnumMap<>(Role.class);
    private Usage total = Usage.ZERO;

    UsageAccount(Map<Role, Usage> spentBefore) {
        spentBefore.forEach(this::add);
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
