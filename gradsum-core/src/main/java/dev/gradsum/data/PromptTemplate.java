package dev.gradsum.data;

import dev.gradsum.exception.ConfigurationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A prompt with {@code {name}} placeholders (letters, digits, {@code _}; letters include non-Latin
 * ones such as {@code {问题}}); {@code {{} and {@code }}} are literal braces. Used for user prompts and for gradsum's own meta-prompts alike. Immutable; equal
 * when the text is equal.
 *
 * <p>In GRAD-SUM the prompt is the variable being optimised: every candidate the editor writes must keep
 * exactly the placeholders of the initial prompt (design §3), which {@link #placeholders()} lets the
 * editor check. The text is parsed once into literal and placeholder segments, so {@link #render} is a
 * single pass over those segments. Values are inserted verbatim: a value that itself contains
 * {@code {x}} is not expanded again.
 */
public final class PromptTemplate {
    private final String text;
    /** Literal text and placeholder names, alternating kind as flagged by {@link #isPlaceholder}. */
    private final String[] segments;
    private final boolean[] isPlaceholder;
    private final int literalLength;
    private final Set<String> placeholders;

    private PromptTemplate(String text, List<String> segments, List<Boolean> kinds) {
        this.text = text;
        this.segments = segments.toArray(new String[0]);
        this.isPlaceholder = new boolean[kinds.size()];
        Set<String> names = new LinkedHashSet<>();
        int literal = 0;
        for (int i = 0; i < this.segments.length; i++) {
            isPlaceholder[i] = kinds.get(i);
            if (isPlaceholder[i]) {
                names.add(this.segments[i]);
            } else {
                literal += this.segments[i].length();
            }
        }
        this.literalLength = literal;
        this.placeholders = Collections.unmodifiableSet(names);
    }

    /** Parses {@code text}; an unmatched or malformed brace is a ConfigurationException naming line and column. */
    public static PromptTemplate of(String text) {
        return of(text, null);
    }

    /**
     * Parses {@code text} read from {@code origin} (a file name, or {@code null}); errors then read
     * {@code origin:line:column: what is wrong}.
     */
    public static PromptTemplate of(String text, String origin) {
        Objects.requireNonNull(text, "text");
        return new Parser(text, origin).parse();
    }

    /** Doubles every brace of {@code literal}, so that it renders as itself when embedded in a template. */
    public static String escape(String literal) {
        return literal.replace("{", "{{").replace("}", "}}");
    }

    public String text() {
        return text;
    }

    /** Placeholder names in order of first appearance. */
    public Set<String> placeholders() {
        return placeholders;
    }

    /** Fills every placeholder; a missing value is a ConfigurationException naming the placeholder. */
    public String render(Map<String, String> values) {
        Objects.requireNonNull(values, "values");
        return render(values, "");
    }

    /** Fills every placeholder from the example's fields. */
    public String render(Example example) {
        Objects.requireNonNull(example, "example");
        return render(example.fields(), "example " + example.id() + ": ");
    }

    private String render(Map<String, String> values, String where) {
        String[] filled = new String[segments.length];
        int length = literalLength;
        for (int i = 0; i < segments.length; i++) {
            if (isPlaceholder[i]) {
                String value = values.get(segments[i]);
                if (value == null) {
                    throw missing(segments[i], values, where);
                }
                filled[i] = value;
                length += value.length();
            }
        }
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < segments.length; i++) {
            out.append(isPlaceholder[i] ? filled[i] : segments[i]);
        }
        return out.toString();
    }

    private static ConfigurationException missing(String name, Map<String, String> values, String where) {
        String available = values.isEmpty() ? "none" : String.join(", ", values.keySet());
        return new ConfigurationException(where + "no value for placeholder {" + name
                + "}; available fields: " + available);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PromptTemplate && ((PromptTemplate) other).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    /** One pass over the text, splitting it into segments and rejecting stray braces. */
    private static final class Parser {
        private final String text;
        private final String origin;
        private final List<String> segments = new ArrayList<>();
        private final List<Boolean> kinds = new ArrayList<>();
        private final StringBuilder literal = new StringBuilder();

        Parser(String text, String origin) {
            this.text = text;
            this.origin = origin;
        }

        PromptTemplate parse() {
            int i = 0;
            int n = text.length();
            while (i < n) {
                char c = text.charAt(i);
                if (c == '{') {
                    if (i + 1 < n && text.charAt(i + 1) == '{') {
                        literal.append('{');
                        i += 2;
                    } else {
                        i = placeholder(i);
                    }
                } else if (c == '}') {
                    if (i + 1 < n && text.charAt(i + 1) == '}') {
                        literal.append('}');
                        i += 2;
                    } else {
                        throw error(i, "stray '}' with no matching '{'; write }} for a literal '}'");
                    }
                } else {
                    literal.append(c);
                    i++;
                }
            }
            flushLiteral();
            return new PromptTemplate(text, segments, kinds);
        }

        /** Reads {@code {name}} starting at {@code open}; returns the index after the closing brace. */
        private int placeholder(int open) {
            int end = open + 1;
            while (end < text.length() && isNameChar(text.charAt(end))) {
                end++;
            }
            if (end < text.length() && text.charAt(end) == '}' && end > open + 1) {
                flushLiteral();
                segments.add(text.substring(open + 1, end));
                kinds.add(Boolean.TRUE);
                return end + 1;
            }
            int close = text.indexOf('}', open + 1);
            int nextOpen = text.indexOf('{', open + 1);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
                throw error(open, "unmatched '{'; write {{ for a literal '{'");
            }
            String inside = text.substring(open + 1, close);
            String what = inside.isEmpty() ? "empty placeholder {}"
                    : "invalid placeholder name " + quote(inside);
            throw error(open, what + " (names use letters, digits and _); write {{ and }} for literal braces");
        }

        private void flushLiteral() {
            if (literal.length() > 0) {
                segments.add(literal.toString());
                kinds.add(Boolean.FALSE);
                literal.setLength(0);
            }
        }

        private ConfigurationException error(int index, String what) {
            int line = 1;
            int lineStart = 0;
            for (int k = 0; k < index; k++) {
                if (text.charAt(k) == '\n') {
                    line++;
                    lineStart = k + 1;
                }
            }
            int column = text.codePointCount(lineStart, index) + 1;
            String where = origin == null
                    ? "prompt template, line " + line + ", column " + column + ": "
                    : origin + ":" + line + ":" + column + ": ";
            return new ConfigurationException(where + what);
        }

        private static String quote(String inside) {
            String shown = inside.length() > 40 ? inside.substring(0, 40) + "…" : inside;
            return "'" + shown.replace("\n", "\\n").replace("\r", "\\r") + "'";
        }

        private static boolean isNameChar(char c) {
            return c == '_' || Character.isLetterOrDigit(c);
        }
    }
}
