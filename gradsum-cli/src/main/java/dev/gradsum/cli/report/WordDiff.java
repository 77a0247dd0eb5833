package dev.gradsum.cli.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A word-level diff of two prompts by longest common subsequence, for the report's side-by-side view.
 * Text is cut into words, runs of white space and single other characters; Chinese and Japanese
 * characters count one by one, since those scripts put no spaces between words. Joining the
 * {@code EQUAL} and {@code DELETE} pieces gives back the old text exactly, {@code EQUAL} and
 * {@code INSERT} the new one.
 */
final class WordDiff {
    enum Kind { EQUAL, DELETE, INSERT }

    record Piece(Kind kind, String text) {}

    /** Above this many table cells the middle part is shown as replaced outright (memory guard). */
    private static final long MAX_CELLS = 4_000_000L;

    private WordDiff() {}

    static List<Piece> diff(String oldText, String newText) {
        List<String> a = tokens(oldText);
        List<String> b = tokens(newText);
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) prefix++;
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) suffix++;
        List<Piece> pieces = new ArrayList<>();
        a.subList(0, prefix).forEach(t -> add(pieces, Kind.EQUAL, t));
        middle(a.subList(prefix, a.size() - suffix), b.subList(prefix, b.size() - suffix), pieces);
        a.subList(a.size() - suffix, a.size()).forEach(t -> add(pieces, Kind.EQUAL, t));
        return pieces;
    }

    private static void middle(List<String> a, List<String> b, List<Piece> out) {
        int n = a.size();
        int m = b.size();
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            a.forEach(t -> add(out, Kind.DELETE, t));
            b.forEach(t -> add(out, Kind.INSERT, t));
            return;
        }
        // lcs[i][j] = length of the LCS of a[i..] and b[j..]
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (a.get(i).equals(b.get(j))) {
                add(out, Kind.EQUAL, a.get(i++));
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                add(out, Kind.DELETE, a.get(i++));
            } else {
                add(out, Kind.INSERT, b.get(j++));
            }
        }
        while (i < n) add(out, Kind.DELETE, a.get(i++));
        while (j < m) add(out, Kind.INSERT, b.get(j++));
    }

    /** Appends, merging with the previous piece of the same kind. */
    private static void add(List<Piece> out, Kind kind, String text) {
        int last = out.size() - 1;
        if (last >= 0 && out.get(last).kind() == kind) {
            out.set(last, new Piece(kind, out.get(last).text() + text));
        } else {
            out.add(new Piece(kind, text));
        }
    }

    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int end = i + Character.charCount(cp);
            if (Character.isWhitespace(cp)) {
                while (end < text.length() && Character.isWhitespace(text.codePointAt(end))) {
                    end += Character.charCount(text.codePointAt(end));
                }
            } else if (isWordChar(cp)) {
                while (end < text.length() && isWordChar(text.codePointAt(end))) {
                    end += Character.charCount(text.codePointAt(end));
                }
            }
            tokens.add(text.substring(i, end));
            i = end;
        }
        return tokens;
    }

    private static boolean isWordChar(int cp) {
        if (!Character.isLetterOrDigit(cp) && cp != '_') return false;
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script != Character.UnicodeScript.HAN && script != Character.UnicodeScript.HIRAGANA
                && script != Character.UnicodeScript.KATAKANA;
    }
}
