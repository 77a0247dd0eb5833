package dev.gradsum.metric;

import java.util.Locale;
import java.util.regex.Pattern;

/** Text normalisation and short quoting shared by the programmatic metrics. */
final class AnswerText {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String QUOTES = "\"'`“”‘’「」『』";
    private static final int SHOWN = 60;

    private AnswerText() {
    }

    /**
     * Trimmed, lower case, whitespace collapsed to single spaces, with surrounding quotes and trailing
     * periods peeled off in any order ({@code "Paris".} and {@code "Paris."} both become {@code paris}).
     */
    static String normalize(String text) {
        String s = WHITESPACE.matcher(text).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
        while (true) {
            String before = s;
            if (s.endsWith(".") || s.endsWith("。")) {
                s = s.substring(0, s.length() - 1).strip();
            }
            if (s.length() >= 2 && QUOTES.indexOf(s.charAt(0)) >= 0 && QUOTES.indexOf(s.charAt(s.length() - 1)) >= 0) {
                s = s.substring(1, s.length() - 1).strip();
            }
            if (s.equals(before)) {
                return s;
            }
        }
    }

    /** {@code text} on one line, quoted, cut to a length that fits in a reason. */
    static String quoted(String text) {
        String oneLine = WHITESPACE.matcher(text).replaceAll(" ").strip();
        if (oneLine.length() > SHOWN) {
            oneLine = oneLine.substring(0, SHOWN - 1) + "…";
        }
        return "\"" + oneLine + "\"";
    }
}
