package dev.gradsum.engine;

import dev.gradsum.modules.Evaluation;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.ScoredCandidate;
import dev.gradsum.search.SearchOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which candidates an iteration expands and which survive it ({@code SearchOptions.selection}).
 *
 * <p>A child may survive only when it was rated on every validation row (successive halving may have
 * stopped it early) and passes the {@link Acceptance} test against its parent (always, with the test
 * off). Of the candidates that may survive:
 * <ul>
 *   <li>{@link SearchOptions.Selection#BEAM} (the paper's): the {@code beamSize} best ({@link Ranking})
 *       are kept, and all of them are expanded next iteration.</li>
 *   <li>{@link SearchOptions.Selection#PARETO}: the pool kept is the {@link ParetoFront} of their
 *       validation rows plus the best by mean (which no candidate can dominate, so the result's best
 *       prompt is the same rule as with beam), best first. Next iteration, {@code beamSize} distinct
 *       parents are drawn from it (all, when it is no larger), each with weight the number of rows it
 *       wins (at least 1), seeded by the run's seed and the iteration, so a seed replays.</li>
 * </ul>
 * An iteration improved when a child that may survive has a higher mean than every parent; patience
 * counts iterations without that. The iteration's scored list puts the candidates that may survive
 * first (best first), then those that may not (best first).
 */
final class Selection {
    private final SearchOptions options;
    private final Acceptance acceptance;

    Selection(SearchOptions options) {
        this.options = options;
        this.acceptance = new Acceptance(options.minConfidence(), options.bootstrapSamples(), options.seed());
    }

    /** What an iteration leaves behind. */
    record Outcome(List<ScoredCandidate> scored, List<String> beam, boolean improved) {
    }

    /**
     * The parents to expand this iteration, in {@code pool}'s order.
     *
     * @param validation a candidate's validation rows, or {@code null} when it has none yet
     */
    List<Candidate> parents(int iteration, List<Candidate> pool, Function<Candidate, List<Evaluation>> validation) {
        if (options.selection() == SearchOptions.Selection.BEAM || pool.size() <= options.beamSize()) {
            return pool;
        }
        Map<String, Integer> wins = ParetoFront.of(rows(pool, validation));
        double[] weights = pool.stream().mapToDouble(c -> Math.max(1, wins.getOrDefault(c.id(), 0))).toArray();
        return draw(pool, weights, options.beamSize(), new SplittableRandom(mix(options.seed(), iteration)));
    }

    /**
     * The survivors of an iteration.
     *
     * @param pool       the previous beam (or Pareto pool): every parent of this iteration's children is in it
     * @param scored     pool and children with their ratings (a child stopped early by halving on fewer rows)
     * @param validation a candidate's full validation rows, or {@code null} when it was not rated on all of them
     */
    Outcome survive(List<Candidate> pool, List<ScoredCandidate> scored, Function<Candidate, List<Evaluation>> validation) {
        Map<String, Candidate> parents = pool.stream().collect(Collectors.toMap(Candidate::id, c -> c));
        List<ScoredCandidate> eligible = new ArrayList<>();
        List<ScoredCandidate> others = new ArrayList<>();
        for (ScoredCandidate s : scored) {
            Candidate c = s.candidate();
            boolean parent = parents.containsKey(c.id());
            List<Evaluation> rows = parent ? null : validation.apply(c);
            boolean may = parent || rows != null
                    && acceptance.accepts(rows, validation.apply(parents.get(c.parentId())));
            (may ? eligible : others).add(s);
        }
        eligible.sort(Ranking.BEST_FIRST);
        others.sort(Ranking.BEST_FIRST);
        List<ScoredCandidate> ordered = new ArrayList<>(eligible);
        ordered.addAll(others);
        List<String> beam = options.selection() == SearchOptions.Selection.PARETO
                ? paretoPool(eligible, validation)
                : eligible.stream().limit(options.beamSize()).map(s -> s.candidate().id()).toList();
        return new Outcome(ordered, beam, improved(eligible, parents.keySet()));
    }

    /** The front of the candidates that may survive, plus the best by mean, best first. */
    private List<String> paretoPool(List<ScoredCandidate> eligible, Function<Candidate, List<Evaluation>> validation) {
        List<Candidate> rated = eligible.stream().filter(ScoredCandidate::hasScore).map(ScoredCandidate::candidate).toList();
        if (rated.isEmpty()) {
            return eligible.stream().limit(options.beamSize()).map(s -> s.candidate().id()).toList();
        }
        Set<String> front = ParetoFront.of(rows(rated, validation)).keySet();
        List<String> kept = new ArrayList<>();
        for (Candidate c : rated) {
            if (kept.isEmpty() || front.contains(c.id())) {
                kept.add(c.id());
            }
        }
        return kept;
    }

    /** Whether a child that may survive rates higher than every parent. */
    private static boolean improved(List<ScoredCandidate> eligible, Set<String> parentIds) {
        double bestChild = Double.NEGATIVE_INFINITY;
        double bestParent = Double.NEGATIVE_INFINITY;
        for (ScoredCandidate s : eligible) {
            if (!s.hasScore()) {
                continue;
            }
            if (parentIds.contains(s.candidate().id())) {
                bestParent = Math.max(bestParent, s.score());
            } else {
                bestChild = Math.max(bestChild, s.score());
            }
        }
        return bestChild > bestParent;
    }

    /** Each candidate's score per validation row ({@code NaN} where it could not be rated, or has no rows). */
    static Map<String, double[]> rows(List<Candidate> candidates, Function<Candidate, List<Evaluation>> validation) {
        Map<String, double[]> rows = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            List<Evaluation> rated = validation.apply(c);
            double[] values = rated == null ? new double[0] : new double[rated.size()];
            for (int i = 0; i < values.length; i++) {
                Evaluation e = rated.get(i);
                values[i] = e.score().error() ? Double.NaN : e.score().value();
            }
            rows.put(c.id(), values);
        }
        return rows;
    }

    /** {@code count} distinct items drawn with probability proportional to their weight, kept in input order. */
    static <T> List<T> draw(List<T> items, double[] weights, int count, SplittableRandom random) {
        double[] left = weights.clone();
        boolean[] chosen = new boolean[items.size()];
        for (int n = 0; n < Math.min(count, items.size()); n++) {
            double total = 0;
            for (double w : left) {
                total += w;
            }
            double at = random.nextDouble() * total;
            int pick = -1;
            for (int i = 0; i < left.length; i++) {
                if (left[i] <= 0) {
                    continue;
                }
                pick = i;
                at -= left[i];
                if (at < 0) {
                    break;
                }
            }
            chosen[pick] = true;
            left[pick] = 0;
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (chosen[i]) {
                out.add(items.get(i));
            }
        }
        return out;
    }

    private static long mix(long seed, int iteration) {
        long h = (seed ^ 0x5851F42D4C957F2DL) * 0x9E3779B97F4A7C15L + iteration;
        h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
        return h ^ (h >>> 33);
    }
}
