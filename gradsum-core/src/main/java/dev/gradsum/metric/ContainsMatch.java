package dev.gradsum.metric;

/** The expected answer must appear somewhere in the output, up to case, spacing, quotes and a final period. */
final class ContainsMatch extends ExpectedAnswerMetric {
    ContainsMatch(String field) {
        super("contains", field);
    }

    @Override
    Score compare(String expected, String output) {
        String wanted = AnswerText.normalize(expected);
        if (wanted.isEmpty()) {
            return Score.error(name() + ": the expected answer is empty, so every output would contain it");
        }
        if (AnswerText.normalize(output).contains(wanted)) {
            return Score.pass("output contains " + AnswerText.quoted(wanted));
        }
        return Score.fail("expected the output to contain " + AnswerText.quoted(wanted)
                + ", got " + AnswerText.quoted(output));
    }
}
