package dev.gradsum.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Pareto front of per-row scores (GEPA's parent pool): a candidate belongs to it when it is best (ties
 * included) on at least one validation row and no other candidate dominates it (at least as good on every
 * row and better on one). A row no candidate could be rated on counts for no one; an unrated row
 * ({@code NaN}) is below every score. Each member's weight is the number of rows it is best on.
 */
final class ParetoFront {
    private ParetoFront() {
    }

    /**
     * The front of {@code rows} (candidate id → score per validation row, all of the same length, in the
     * same row order), in the map's order, with each member's number of rows won.
     */
    static Map<String, Integer> of(Map<String, double[]> rows) {
        List<String> ids = new ArrayList<>(rows.keySet());
        int width = rows.values().stream().mapToInt(r -> r.length).max().orElse(0);
        Map<String, Integer> wins = new LinkedHashMap<>();
        for (int row = 0; row < width; row++) {
            double best = Double.NEGATIVE_INFINITY;
            for (String id : ids) {
                best = Math.max(best, value(rows.get(id), row));
            }
            if (best == Double.NEGATIVE_INFINITY) {
                continue; // no candidate could be rated on this row
            }
            for (String id : ids) {
                if (value(rows.get(id), row) == best) {
                    wins.merge(id, 1, Integer::sum);
                }
            }
        }
        Map<String, Integer> front = new LinkedHashMap<>();
        for (String id : ids) {
            if (wins.containsKey(id) && ids.stream().noneMatch(other -> dominates(rows.get(other), rows.get(id), width))) {
                front.put(id, wins.get(id));
            }
        }
        return front;
    }

    /** Whether {@code a} is at least as good as {@code b} on every row and better on one. */
    static boolean dominates(double[] a, double[] b, int width) {
        boolean better = false;
        for (int row = 0; row < width; row++) {
            double x = value(a, row);
            double y = value(b, row);
            if (x < y) {
                return false;
            }
            better |= x > y;
        }
        return better;
    }

    private static double value(double[] scores, int row) {
        return row < scores.length && !Double.isNaN(scores[row]) ? scores[row] : Double.NEGATIVE_INFINITY;
    }
}
