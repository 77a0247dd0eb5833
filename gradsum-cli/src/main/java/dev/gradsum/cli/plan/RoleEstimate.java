package dev.gradsum.cli.plan;

import dev.gradsum.cli.provider.Provider;
import dev.gradsum.llm.Pricing;
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

    /** The simulated provider's stand-in models cost nothing; every other model is priced by the table. */
    public boolean free() {
        return Provider.SIMULATED.key().equals(provider);
    }

    /** Whether {@link #cost} is a price and not a $0 standing in for an unknown one. */
    public boolean priced(Pricing pricing) {
        return free() || pricing.knows(model);
    }

    /** USD for the low and the high token estimates; 0 for a free or unpriced model. */
    public double[] cost(Pricing pricing) {
        if (free()) {
            return new double[] {0, 0};
        }
        return new double[] {pricing.cost(model, inputTokens.low(), outputTokens.low()),
                pricing.cost(model, inputTokens.high(), outputTokens.high())};
    }
}
