package dev.gradsum.metric;

import java.math.BigDecimal;
import java.util.Optional;

/** The final number of the output must equal the expected number, within {@value #TOLERANCE}. */
final class NumericMatch extends ExpectedAnswerMetric {
    static final double TOLERANCE = 1e-6;
    private static final BigDecimal EPSILON = BigDecimal.valueOf(TOLERANCE);

    NumericMatch(String field) {
        super("numeric", field);
    }

    @Override
    Score compare(String expected, String output) {
        Optional<BigDecimal> want = FinalNumber.in(expected);
        if (want.isEmpty()) {
            return Score.error(name() + ": the expected answer " + AnswerText.quoted(expected)
                    + " in field \"" + field() + "\" has no number");
        }
        String wanted = FinalNumber.show(want.get());
        Optional<BigDecimal> got = FinalNumber.in(output);
        if (got.isEmpty()) {
            return Score.fail("expected " + wanted + ", got no number in " + AnswerText.quoted(output));
        }
        String reason = "expected " + wanted + ", got " + FinalNumber.show(got.get());
        return got.get().subtract(want.get()).abs().compareTo(EPSILON) <= 0
                ? Score.pass(reason) : Score.fail(reason);
    }
}
