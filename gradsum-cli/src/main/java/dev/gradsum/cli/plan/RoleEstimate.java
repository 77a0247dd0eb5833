package dev.gradsum.cli.plan;

import dev.gradsum.llm.Role;

/**
 * The calls and tokens one role will use, as a range: {@code low} if the search stops early and
 * half the answers fail, {@code high} if every iteration runs and everything that can be called is.
 */
public record RoleEstimate(Role role, String provider, String model, Range calls, Range inputTokens,
                           Range outputTokens) {
    /** A closed range of whole numbers. */
    public record Range(long low, long high) {
        public static final Range ZERO = new Range(0, 0);

        public Range plus(long lowAdd, long highAdd) {
            return new Range(low + lowAdd, high + highAdd);
        }

        public Range plus(Range o) {
            return new Range(low + o.low, high + o.high);
        }
    }

    public boolean unused() {
        return calls.high() == 0;
    }
}
