package dev.gradsum.metric;

/**
 * The rating of one answer.
 *
 * @param value  normalised to [0, 1] (binary: 0 or 1; a 1..N scale maps 1 → 0 and N → 1)
 * @param passed whether the answer counts as a success; failures get gradients
 * @param reason why (the judge's reasoning, or what the metric compared)
 * @param error  true when the answer could not be rated (e.g. judge output unparseable twice); an
 *               error is reported and excluded from averages, never counted as a silent 0 or 1
 */
public record Score(double value, boolean passed, String reason, boolean error) {
    public Score {
        if (!error && (Double.isNaN(value) || value < 0 || value > 1)) {
            throw new IllegalArgumentException("score value must be in [0, 1], was " + value);
        }
        reason = reason == null ? "" : reason;
    }

    public static Score pass(String reason) {
        return new Score(1, true, reason, false);
    }

    public static Score fail(String reason) {
        return new Score(0, false, reason, false);
    }

    public static Score error(String reason) {
        return new Score(0, false, reason, true);
    }
}
