package dev.gradsum.bench.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * GEPA's parent selection (Agrawal et al. 2025, §3, "Pareto-based candidate selection"): on each
 * validation row, the candidates with the row's best score are its winners; the candidates that win
 * at least one row form the front; a candidate whose won rows are all won by another candidate too is
 * dominated and leaves (of two that win exactly the same rows the older stays); a parent is drawn from
 * the rest with probability proportional to the number of rows it wins. Rows every candidate fails
 * (best score 0) decide nothing. With no such row the candidate with the best mean is chosen.
 */
final class ParetoFront {
    private ParetoFront() {
    }

    /** The index of the parent drawn from {@code scores} (candidate → per-row scores, rows in one order). */
    static int select(List<double[]> scores, Random random) {
        List<Integer> front = front(scores);
        if (front.isEmpty()) {
            return bestMean(scores);
        }
        int[] wins = new int[scores.size()];
        int total = 0;
        for (int c : front) {
            wins[c] = won(scores, c).size();
            total += wins[c];
        }
        int draw = random.nextInt(total);
        for (int c : front) {
            draw -= wins[c];
            if (draw < 0) {
                return c;
            }
        }
        throw new IllegalStateException("weights add up to " + total);
    }

    /** The candidates that win a row and are not dominated, in index order. */
    static List<Integer> front(List<double[]> scores) {
        List<Integer> winners = new ArrayList<>();
        for (int c = 0; c < scores.size(); c++) {
            if (!won(scores, c).isEmpty()) {
                winners.add(c);
            }
        }
        List<Integer> front = new ArrayList<>();
        for (int c : winners) {
            List<Integer> mine = won(scores, c);
            boolean dominated = false;
            for (int d : winners) {
                if (d == c) {
                    continue;
                }
                List<Integer> theirs = won(scores, d);
                if (theirs.containsAll(mine) && (theirs.size() > mine.size() || d < c)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                front.add(c);
            }
        }
        return front;
    }

    /** The rows on which candidate {@code c} has the best score of all and that score is above 0. */
    static List<Integer> won(List<double[]> scores, int c) {
        List<Integer> rows = new ArrayList<>();
        int n = scores.get(c).length;
        for (int r = 0; r < n; r++) {
            double best = 0;
            for (double[] s : scores) {
                best = Math.max(best, s[r]);
            }
            if (best > 0 && scores.get(c)[r] == best) {
                rows.add(r);
            }
        }
        return rows;
    }

    /** The candidate with the highest mean score (the older on ties). */
    static int bestMean(List<double[]> scores) {
        int best = 0;
        for (int c = 1; c < scores.size(); c++) {
            if (mean(scores.get(c)) > mean(scores.get(best))) {
                best = c;
            }
        }
        return best;
    }

    static double mean(double[] s) {
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        return s.length == 0 ? 0 : sum / s.length;
    }
}
