package dev.gradsum.engine;

import dev.gradsum.data.Example;
import dev.gradsum.internal.Fanout;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.search.Candidate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Successive halving of an iteration's new children over the validation rows
 * ({@code SearchOptions.validation: HALVING}). The children answer the first slice of the validation
 * rows; the better half ({@link Ranking} on the rows answered so far, rounded up) answers the next rows
 * up to twice as many; and so on, until the last rung's survivors have answered every row. The number of
 * halvings is the largest that leaves at least {@code keep} (the beam size) children at the end and a
 * first slice of at least one row: with 9 children, keep 3 and 40 rows, 9 answer rows 1–10, 5 rows
 * 11–20 and 3 rows 21–40 (200 ratings instead of 360). Every child answers the same rows in the same
 * order, so comparisons stay paired; parents are not halved (they are rated in full, once).
 */
final class SuccessiveHalving {
    private final SearchModules modules;
    private final ExecutorService executor;
    private final SearchEvents events;
    private final int keep;

    SuccessiveHalving(SearchModules modules, ExecutorService executor, SearchEvents events, int keep) {
        this.modules = modules;
        this.executor = executor;
        this.events = events;
        this.keep = keep;
    }

    /** The ratings of each child (every row for the survivors, the rows it reached for the others), by id. */
    Map<String, List<Evaluation>> rate(int iteration, List<Candidate> children, List<Example> validation)
            throws InterruptedException {
        Map<String, List<Evaluation>> rated = new LinkedHashMap<>();
        children.forEach(c -> rated.put(c.id(), new ArrayList<>()));
        int[] rows = rungRows(children.size(), keep, validation.size());
        List<Candidate> survivors = new ArrayList<>(children);
        int from = 0;
        for (int rung = 0; rung < rows.length; rung++) {
            List<Example> slice = validation.subList(from, rows[rung]);
            List<List<Evaluation>> answers = Fanout.waitForAll(executor, survivors, c -> modules.rate(c.prompt(), slice));
            for (int k = 0; k < survivors.size(); k++) {
                rated.get(survivors.get(k).id()).addAll(answers.get(k));
                events.evaluated(iteration, survivors.get(k), "validation", answers.get(k));
            }
            from = rows[rung];
            if (rung < rows.length - 1) {
                Comparator<Candidate> best = Comparator.comparing(c -> Scores.scored(c, rated.get(c.id())), Ranking.BEST_FIRST);
                survivors = survivors.stream().sorted(best).limit(half(survivors.size())).toList();
            }
        }
        Map<String, List<Evaluation>> out = new LinkedHashMap<>();
        rated.forEach((id, list) -> out.put(id, List.copyOf(list)));
        return out;
    }

    /** Row ratings (target answers; each also judged under an LLM judge) halving makes for {@code children}. */
    static long ratings(int children, int keep, int validationRows) {
        int[] rows = rungRows(children, keep, validationRows);
        long total = 0;
        int survivors = children;
        int from = 0;
        for (int rung = 0; rung < rows.length; rung++) {
            total += (long) survivors * (rows[rung] - from);
            from = rows[rung];
            survivors = half(survivors);
        }
        return total;
    }

    /** The end row (exclusive) of each rung's slice; the last is {@code validationRows}. */
    static int[] rungRows(int children, int keep, int validationRows) {
        int halvings = 0;
        int left = children;
        while (half(left) >= Math.max(1, keep) && half(left) < left && (1L << (halvings + 1)) <= validationRows) {
            left = half(left);
            halvings++;
        }
        int[] rows = new int[halvings + 1];
        for (int rung = 0; rung <= halvings; rung++) {
            rows[rung] = (int) Math.ceil(validationRows / (double) (1L << (halvings - rung)));
        }
        return rows;
    }

    private static int half(int n) {
        return (n + 1) / 2;
    }

}
