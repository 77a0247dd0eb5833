package dev.gradsum.bench.peers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * GEPA's system-aware merge (Agrawal et al. 2025, §3, "Merge"), adapted to gradsum's one-prompt
 * programs: where GEPA takes each module from whichever of two descendants changed it since their
 * common ancestor, we take each LINE of the prompt that way. The result is the first descendant's
 * prompt, without the lines the second one deleted from the ancestor, plus the lines the second one
 * added, placed before the first line holding a placeholder (or at the end).
 */
final class GepaMerge {
    private GepaMerge() {
    }

    /** The merge of {@code first} and {@code second}, both descended from {@code ancestor}. */
    static String merge(String ancestor, String first, String second) {
        Set<String> base = new LinkedHashSet<>(first.lines().toList());
        List<String> ancestorLines = ancestor.lines().toList();
        Set<String> secondLines = new LinkedHashSet<>(second.lines().toList());
        List<String> added = new ArrayList<>();
        for (String line : secondLines) {
            if (!line.isBlank() && !ancestorLines.contains(line) && !base.contains(line)) {
                added.add(line);
            }
        }
        List<String> merged = new ArrayList<>();
        for (String line : first.lines().toList()) {
            boolean deletedBySecond = !line.isBlank() && ancestorLines.contains(line) && !secondLines.contains(line);
            if (!deletedBySecond) {
                merged.add(line);
            }
        }
        int at = merged.size();
        for (int i = 0; i < merged.size(); i++) {
            if (merged.get(i).matches(".*(?<!\\{)\\{[A-Za-z0-9_]+}(?!}).*")) {
                at = i;
                break;
            }
        }
        merged.addAll(at, added);
        return String.join("\n", merged);
    }
}
