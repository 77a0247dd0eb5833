package dev.gradsum.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the tagged parts of a meta-prompt ({@code <output>…</output>}), as the SIMULATED models do. A
 * section's opening tag is the last one before its closing tag, so a glossary line that merely
 * mentions {@code <output>} earlier in the request is not mistaken for the section.
 */
final class TaggedText {
    private TaggedText() {
    }

    /** The content of the first {@code <tag>} section, trimmed. */
    static Optional<String> first(String text, String tag) {
        List<String> all = all(text, tag);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** The contents of every {@code <tag>} section, in order, trimmed. */
    static List<String> all(String text, String tag) {
        String open = "<" + tag + ">";
        String close = "</" + tag + ">";
        List<String> found = new ArrayList<>();
        int from = 0;
        while (true) {
            int end = text.indexOf(close, from);
            if (end < 0) {
                return found;
            }
            int start = text.lastIndexOf(open, end);
            if (start >= from) {
                found.add(text.substring(start + open.length(), end).strip());
            }
            from = end + close.length();
        }
    }
}
