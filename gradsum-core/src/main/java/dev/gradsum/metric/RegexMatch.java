package dev.gradsum.metric;

import dev.gradsum.data.Example;
import dev.gradsum.exception.ConfigurationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The output must contain a match of a pattern; with an expected field, the pattern's first group (or
 * the whole match) must also equal the expected answer, normalised as for exact match.
 */
final class RegexMatch implements Metric {
    private final Pattern pattern;
    private final ExpectedAnswerMetric captured;
    private final String name;

    RegexMatch(String field, String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new ConfigurationException("metric regex: give a pattern");
        }
        try {
            this.pattern = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new ConfigurationException("metric regex: invalid pattern /" + pattern + "/: "
                    + e.getDescription() + " near index " + e.getIndex());
        }
        this.captured = field == null ? null : new Captured(field);
        this.name = field == null ? "regex(/" + pattern + "/)" : "regex(" + field + ", /" + pattern + "/)";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String expectedField() {
        return captured == null ? null : captured.expectedField();
    }

    @Override
    public Score score(Example example, String output) {
        if (captured != null) {
            return captured.score(example, output);
        }
        String text = output == null ? "" : output;
        return pattern.matcher(text).find()
                ? Score.pass("matches /" + pattern.pattern() + "/")
                : Score.fail("no match for /" + pattern.pattern() + "/ in " + AnswerText.quoted(text));
    }

    @Override
    public String toString() {
        return name;
    }

    /** The expected-field variant: compares what the pattern captured. */
    private final class Captured extends ExpectedAnswerMetric {
        Captured(String field) {
            super("regex", field);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        Score compare(String expected, String output) {
            Matcher m = pattern.matcher(output);
            if (!m.find()) {
                return Score.fail("expected " + AnswerText.quoted(expected) + ", got no match for /"
                        + pattern.pattern() + "/ in " + AnswerText.quoted(output));
            }
            String got = m.groupCount() >= 1 ? m.group(1) : m.group();
            got = got == null ? "" : got;
            String reason = "expected " + AnswerText.quoted(expected) + ", got " + AnswerText.quoted(got);
            return AnswerText.normalize(got).equals(AnswerText.normalize(expected))
                    ? Score.pass(reason) : Score.fail(reason);
        }
    }
}
