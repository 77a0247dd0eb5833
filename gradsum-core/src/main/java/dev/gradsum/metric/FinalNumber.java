package dev.gradsum.metric;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the final answer number in a model's reasoning, the way GSM8K-style answers write it: the
 * first number after the last {@code ####}, else inside the last {@code \boxed{...}}, else after the
 * last answer cue ("the answer is", "Answer:", "答案是"), else the last number in the text.
 * {@code $1,200.00}, {@code 15%}, {@code -3}, {@code .5} and {@code 3/4} are all read as numbers.
 */
final class FinalNumber {
    /**
     * A number not glued to a preceding word or number: optional minus, optional {@code $}, digits with
     * or without thousands separators, optional decimals, optional {@code /denominator}.
     */
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\w.$])([-−]?)\\$?((?:\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+)(?:\\.\\d+)?|\\.\\d+)(?:/(\\d+)(?![\\d,]))?");
    private static final Pattern HASHES = Pattern.compile("####");
    private static final Pattern BOXED = Pattern.compile("\\\\boxed\\{([^{}]*)\\}");
    private static final Pattern ANSWER_CUE = Pattern.compile(
            "\\b(?i:answer)\\s*(?:(?i:is)\\b\\s*[:：=]?|[:：=])|答案\\s*(?:是|为|:|：)");

    private FinalNumber() {
    }

    /** The final answer number of {@code text}, if it has any number at all. */
    static Optional<BigDecimal> in(String text) {
        Optional<BigDecimal> found = firstAfterLast(HASHES, text);
        if (found.isEmpty()) {
            found = insideLastBoxed(text);
        }
        if (found.isEmpty()) {
            found = firstAfterLast(ANSWER_CUE, text);
        }
        return found.isPresent() ? found : last(text);
    }

    /** How a number is shown in reasons: no trailing zeros, no exponent. */
    static String show(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }

    private static Optional<BigDecimal> firstAfterLast(Pattern cue, String text) {
        Matcher m = cue.matcher(text);
        int end = -1;
        while (m.find()) {
            end = m.end();
        }
        return end < 0 ? Optional.empty() : first(text.substring(end));
    }

    private static Optional<BigDecimal> insideLastBoxed(String text) {
        Matcher m = BOXED.matcher(text);
        String inside = null;
        while (m.find()) {
            inside = m.group(1);
        }
        return inside == null ? Optional.empty() : first(inside);
    }

    private static Optional<BigDecimal> first(String text) {
        Matcher m = NUMBER.matcher(text);
        return m.find() ? Optional.of(value(m)) : Optional.empty();
    }

    private static Optional<BigDecimal> last(String text) {
        Matcher m = NUMBER.matcher(text);
        BigDecimal found = null;
        while (m.find()) {
            found = value(m);
        }
        return Optional.ofNullable(found);
    }

    private static BigDecimal value(Matcher m) {
        BigDecimal number = new BigDecimal(m.group(2).replace(",", ""));
        String denominator = m.group(3);
        if (denominator != null && !isZero(denominator)) {
            number = number.divide(new BigDecimal(denominator), MathContext.DECIMAL64);
        }
        return m.group(1).isEmpty() ? number : number.negate();
    }

    private static boolean isZero(String digits) {
        return digits.chars().allMatch(c -> c == '0');
    }
}
