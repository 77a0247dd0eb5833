package dev.gradsum.task;

import dev.gradsum.exception.ConfigurationException;

/**
 * Evaluation criteria in plain language for the LLM judge. The text may contain
 * {@code <EXPECTED ANSWER>}, {@code <INPUT>} and {@code <OUTPUT>}, replaced before the judge sees it.
 *
 * @param text          the criteria
 * @param expectedField the data field holding the expected answer, or {@code null}
 * @param scaleMax      1 for a binary 0/1 judgement (the paper's), N ≥ 2 for a 1..N scale normalised to [0, 1]
 * @param passThreshold a normalised score at or above this passes (binary: 1; scales default 0.75)
 */
public record Criteria(String text, String expectedField, int scaleMax, double passThreshold) {
    public Criteria {
        if (text == null || text.isBlank()) {
            throw new ConfigurationException("criteria text must not be blank");
        }
        if (scaleMax < 1) {
            throw new ConfigurationException("scaleMax must be 1 (binary) or >= 2, was " + scaleMax);
        }
        if (passThreshold < 0 || passThreshold > 1) {
            throw new ConfigurationException("passThreshold must be in [0, 1], was " + passThreshold);
        }
    }

    public static Criteria binary(String text) {
        return new Criteria(text, null, 1, 1.0);
    }

    public static Criteria scale(String text, int max) {
        return new Criteria(text, null, max, max == 1 ? 1.0 : 0.75);
    }

    public Criteria expecting(String field) {
        return new Criteria(text, field, scaleMax, passThreshold);
    }

    public Criteria passingAt(double threshold) {
        return new Criteria(text, expectedField, scaleMax, threshold);
    }

    public boolean binary() {
        return scaleMax == 1;
    }
}
