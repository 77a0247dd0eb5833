package dev.gradsum.cli.report;

import dev.gradsum.search.Candidate;
import dev.gradsum.search.Iteration;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.ScoredCandidate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lineage of a result, looked up by candidate id: creation order, parents and children, and each
 * candidate's latest validation score. Both writers read the result through it so they agree.
 */
final class CandidateIndex {
    private final Map<String, Candidate> byId = new LinkedHashMap<>();
    private final Map<String, Integer> order = new HashMap<>();
    private final Map<String, List<Candidate>> children = new HashMap<>();
    private final OptimizationResult result;

    CandidateIndex(OptimizationResult result) {
        this.result = result;
        add(result.initial());
        result.candidates().forEach(this::add);
        add(result.best());
        for (Iteration it : result.iterations()) {
            for (ScoredCandidate sc : it.scored()) {
                add(sc.candidate());
            }
        }
        for (Candidate c : byId.values()) {
            if (c.parentId() != null) children.computeIfAbsent(c.parentId(), k -> new ArrayList<>()).add(c);
        }
    }

    private void add(Candidate c) {
        if (c != null && !byId.containsKey(c.id())) {
            order.put(c.id(), byId.size());
            byId.put(c.id(), c);
        }
    }

    /** Every candidate in creation order. */
    Collection<Candidate> all() {
        return byId.values();
    }

    Candidate get(String id) {
        return byId.get(id);
    }

    List<Candidate> children(String id) {
        return children.getOrDefault(id, List.of());
    }

    /** The candidate's score in the last iteration that validated it, or {@code null} if never validated. */
    ScoredCandidate latestScore(String id) {
        return result.validationScore(id).orElse(null);
    }

    /** {@code ids} sorted by creation order (unknown ids last, by name); map keys of the result are unordered. */
    List<String> inCreationOrder(Collection<String> ids) {
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(Comparator.comparing((String id) -> order.getOrDefault(id, Integer.MAX_VALUE))
                .thenComparing(Comparator.naturalOrder()));
        return sorted;
    }

    /** From the initial prompt through parents to the best, in that order. Stops at a cycle or a missing parent. */
    List<Candidate> pathToBest() {
        List<Candidate> path = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Candidate c = result.best();
        while (c != null && seen.add(c.id())) {
            path.add(0, c);
            c = c.parentId() == null ? null : byId.get(c.parentId());
        }
        return path;
    }

    /** The best validation score of each iteration (the first of its scored list), NaN when none scored. */
    double bestValidationScore(Iteration it) {
        return it.scored().isEmpty() ? Double.NaN : it.best().score();
    }
}
