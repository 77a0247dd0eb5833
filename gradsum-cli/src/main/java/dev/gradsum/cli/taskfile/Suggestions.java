package dev.gradsum.cli.taskfile;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" for misspelt keys and names: the known word nearest by Levenshtein distance, when it
 * is near enough to be a likely typo (at most a third of the word's length, and at least 1 edit).
 */
public final class Suggestions {
    private Suggestions() {
    }

    /** The closest of {@code known} to {@code typed}, if it is close enough to suggest. */
    public static Optional<String> closest(String typed, Collection<String> known) {
        String t = typed.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(t, k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        int allowed = Math.max(2, (Math.max(t.length(), 1) + 2) / 3);
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** {@code ; did you mean "x"?} or the empty string. */
    public static String didYouMean(String typed, Collection<String> known) {
        return closest(typed, known).map(k -> "; did you mean \"" + k + "\"?").orElse("");
    }

    /** Edit distance: insertions, deletions and substitutions each cost 1. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
