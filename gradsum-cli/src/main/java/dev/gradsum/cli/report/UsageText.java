package dev.gradsum.cli.report;

import dev.gradsum.model.Usage;
import java.util.Locale;

/**
 * How every output counts calls, tokens and cost, in the same words: {@code 2701 requests (1638 paid,
 * 1063 from cache)}, with {@code , N failed} when requests failed for good; tokens with
 * {@code (estimated)} when gradsum counted some itself because the server reported none; a cost of
 * {@code unknown} (never $0) when the price table knows no model that was paid for, and
 * {@code $0.0123 + unknown} when it knows only some. The figures are result.json's {@code requests},
 * {@code calls}, {@code cached_calls}, {@code failures}, {@code tokens_estimated} and {@code cost_unknown}.
 */
public final class UsageText {
    private UsageText() {
    }

    public static String requests(Usage u) {
        return String.format(Locale.ROOT, "%d requests (%d paid, %d from cache%s)", u.requests(), u.calls(),
                u.cachedCalls(), u.failures() > 0 ? ", " + u.failures() + " failed" : "");
    }

    /**
     * {@code Usage: 12 requests (12 paid, 0 from cache), 0 retries, 345 tokens, $0.0012.}: the usage line
     * {@code eval} and {@code judge-check} print.
     */
    public static String line(Usage u) {
        return String.format(Locale.ROOT, "Usage: %s, %d retries, %d tokens%s, %s.", requests(u), u.retries(),
                u.totalTokens(), estimated(u), cost(u, 4));
    }

    /** {@code (estimated)} after a token count that gradsum counted in part, else nothing. */
    public static String estimated(Usage u) {
        return u.tokensEstimated() ? " (estimated)" : "";
    }

    /** {@code 12 input + 3 output tokens}, with {@link #estimated}. */
    public static String tokens(Usage u) {
        return String.format(Locale.ROOT, "%d input + %d output tokens%s", u.inputTokens(), u.outputTokens(),
                estimated(u));
    }

    /** The cost with {@code decimals} decimals: {@code $0.0123}, {@code $0.0123 + unknown} or {@code cost unknown}. */
    public static String cost(Usage u, int decimals) {
        return cost(u.costUsd(), u.calls(), u.unpricedCalls(), decimals);
    }

    /** As {@link #cost(Usage, int)}, from the dollars of the priced calls and how many of the paid calls had no price. */
    public static String cost(double usd, long paidCalls, long unpricedCalls, int decimals) {
        String known = String.format(Locale.ROOT, "$%." + decimals + "f", usd);
        if (unpricedCalls == 0) {
            return known;
        }
        return unpricedCalls >= paidCalls ? "cost unknown" : known + " + unknown";
    }
}
