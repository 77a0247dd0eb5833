package dev.gradsum.cli.report;

import dev.gradsum.modules.Evaluation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test rows worth showing side by side: rows the initial prompt failed, with what the best prompt
 * answered there (fixed first, then still failing), followed by rows the best prompt newly fails
 * (regressions), so a reader sees both sides of the score difference.
 */
final class FailureSamples {
    /** How one test row went for the initial and the best prompt ({@code best} may be null if unrated). */
    record Row(Evaluation initial, Evaluation best) {
        boolean fixed() {
            return best != null && passed(best);
        }
    }

    private FailureSamples() {}

    static List<Row> initialFailures(TestEvaluations tests, int limit) {
        Map<String, Evaluation> best = bestById(tests);
        List<Row> fixed = new ArrayList<>();
        List<Row> still = new ArrayList<>();
        for (Evaluation e : tests.initial()) {
            if (rated(e) && !passed(e)) {
                Row row = new Row(e, best.get(id(e)));
                (row.fixed() ? fixed : still).add(row);
            }
        }
        List<Row> rows = new ArrayList<>(fixed);
        rows.addAll(still);
        return rows.subList(0, Math.min(limit, rows.size()));
    }

    static List<Row> regressions(TestEvaluations tests, int limit) {
        Map<String, Evaluation> best = bestById(tests);
        List<Row> rows = new ArrayList<>();
        for (Evaluation e : tests.initial()) {
            Evaluation b = best.get(id(e));
            if (rated(e) && passed(e) && b != null && rated(b) && !passed(b) && rows.size() < limit) {
                rows.add(new Row(e, b));
            }
        }
        return rows;
    }

    static long countInitialFailures(TestEvaluations tests) {
        return tests.initial().stream().filter(e -> rated(e) && !passed(e)).count();
    }

    static boolean rated(Evaluation e) {
        return !e.score().error() && !e.generation().failed();
    }

    static boolean passed(Evaluation e) {
        return rated(e) && e.score().passed();
    }

    private static Map<String, Evaluation> bestById(TestEvaluations tests) {
        Map<String, Evaluation> best = new LinkedHashMap<>();
        tests.best().forEach(e -> best.put(id(e), e));
        return best;
    }

    private static String id(Evaluation e) {
        return e.generation().example().id();
    }
}
