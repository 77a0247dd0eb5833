package dev.gradsum.cli.plan;

import dev.gradsum.cli.provider.Provider;
import dev.gradsum.engine.CallEstimate.Range;
import dev.gradsum.model.Pricing;
import dev.gradsum.model.Role;

/**
 * The calls and tokens one role will use ({@link dev.gradsum.engine.CallEstimate}'s low–high ranges,
 * and the calls expected) with the provider and model that play it, for pricing and printing.
 */
public record RoleEstimate(Role role, String provider, String model, Range calls, Range inputTokens,
                           Range outputTokens, long expectedCalls) {

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
