package dev.gradsum.modules;

import java.util.List;
import java.util.stream.Collectors;

/** Builds the tagged sections a module inserts into a meta-prompt as one value (see prompts/README.md). */
final class TaggedSections {
    private TaggedSections() {
    }

    /** {@code <tag>\ntext\n</tag>}. */
    static String section(String tag, String text) {
        return "<" + tag + ">\n" + text.strip() + "\n</" + tag + ">";
    }

    /** An optional section: the tagged text followed by a line break, or nothing when {@code text} is null. */
    static String optional(String tag, String text) {
        return text == null ? "" : section(tag, text) + "\n";
    }

    /** One {@code <gradient>} section per gradient, in order. */
    static String gradients(List<Gradient> gradients) {
        return gradients.stream().map(g -> section("gradient", g.text())).collect(Collectors.joining("\n"));
    }
}
