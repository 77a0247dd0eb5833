package dev.gradsum.metric;

/** The whole answer must be the expected one, up to case, spacing, quotes and a final period. */
final class ExactMatch extends ExpectedAnswerMetric {
    ExactMatch(String field) {
        super("exact", field);
    }

    @Override
    Score compare(String expected, String output) {
        String reason = "expected " + AnswerText.quoted(expected) + ", got " + AnswerText.quoted(output);
        return AnswerText.normalize(expected).equals(AnswerText.normalize(output))
                ? Score.pass(reason) : Score.fail(reason);
    }
}
