package dev.gradsum.task;

import java.util.Map;
import java.util.Set;

/**
 * A prompt with {@code {name}} placeholders (letters, digits, {@code _}); {@code {{} and {@code }}} are
 * literal braces. Used for user prompts and for gradsum's own meta-prompts alike. Immutable; equal
 * when the text is equal.
 */
public final class PromptTemplate {
    /** Parses {@code text}; an unmatched or malformed brace is a ConfigurationException naming line and column. */
    public static PromptTemplate of(String text) {
        throw new UnsupportedOperationException("todo");
    }

    public String text() {
        throw new UnsupportedOperationException("todo");
    }

    /** Placeholder names in order of first appearance. */
    public Set<String> placeholders() {
        throw new UnsupportedOperationException("todo");
    }

    /** Fills every placeholder; a missing value is a ConfigurationException naming the placeholder. */
    public String render(Map<String, String> values) {
        throw new UnsupportedOperationException("todo");
    }

    /** Fills every placeholder from the example's fields. */
    public String render(Example example) {
        throw new UnsupportedOperationException("todo");
    }
}
