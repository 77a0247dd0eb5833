package dev.gradsum.modules;

import dev.gradsum.task.PromptTemplate;

/**
 * gradsum's own prompts to the judge, gradient, summarizer and editor models, read from
 * {@code dev/gradsum/prompts/<name>.md} on the classpath (one file per module, a variant gets its own
 * file). Users may replace them from a directory.
 */
public final class MetaPrompts {
    public static MetaPrompts defaults() {
        throw new UnsupportedOperationException("todo");
    }

    public PromptTemplate get(String name) {
        throw new UnsupportedOperationException("todo");
    }
}
