package dev.gradsum.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.exception.GradSumException;
import dev.gradsum.metric.Score;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.modules.Generation;
import dev.gradsum.modules.Gradient;
import dev.gradsum.recording.RecordedRun;
import dev.gradsum.recording.RunDescription;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.Iteration;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.ScoredCandidate;
import dev.gradsum.search.StopReason;
import dev.gradsum.search.TestScore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a run back from the store's tables as a {@link RecordedRun}: the one way a run folder is
 * rebuilt, whether {@code optimize} just finished it or {@code gradsum report ID} asks for it later.
 */
final class RunReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection c;
    private final String runId;
    private final Path store;

    private RunReader(Connection c, String runId, Path store) {
        this.c = c;
        this.runId = runId;
        this.store = store;
    }

    /** The run, or empty when the store has no such run or its search never returned. */
    static Optional<RecordedRun> read(Connection c, String runId, Path store) throws SQLException {
        return new RunReader(c, runId, store).read();
    }

    private Optional<RecordedRun> read() throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT task, started, stop_reason, best_id, initial_id, elapsed_ms,"
                + " test_rows, test_initial, test_best, test_low, test_high, test_initial_errors, test_best_errors"
                + " FROM runs WHERE id = ? AND elapsed_ms IS NOT NULL")) {
            q.setString(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                Map<String, Candidate> candidates = candidates();
                Candidate initial = candidate(candidates, rs.getString(5));
                Candidate best = candidate(candidates, rs.getString(4));
                TestScore test = rs.getObject(7) == null ? null : new TestScore(rs.getInt(7), SqlValues.real(rs, 8),
                        SqlValues.real(rs, 9), SqlValues.real(rs, 10), SqlValues.real(rs, 11), rs.getInt(12), rs.getInt(13));
                Map<Role, Usage> usage = UsageRows.byRole(c, runId);
                OptimizationResult result = new OptimizationResult(initial, best, test, iterations(candidates),
                        List.copyOf(candidates.values()), StopReason.valueOf(rs.getString(3)), usage,
                        usage.values().stream().reduce(Usage.ZERO, Usage::plus), Duration.ofMillis(rs.getLong(6)));
                RunDescription description = RunDescriptionRows.read(c, runId).orElseThrow();
                Map<String, List<Evaluation>> tests = testRows();
                return Optional.of(new RecordedRun(runId, rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                        description, result, RecordedRun.TestRows.of(result, tests::get)));
            }
        }
    }

    private Candidate candidate(Map<String, Candidate> candidates, String id) {
        Candidate found = candidates.get(id);
        if (found == null) {
            throw new GradSumException(store + ": run " + runId + " names candidate " + id + ", which the store does not hold");
        }
        return found;
    }

    /** Every candidate in creation order ({@code c0}, {@code c1}, ...). */
    private Map<String, Candidate> candidates() throws SQLException {
        Map<String, Candidate> out = new LinkedHashMap<>();
        try (PreparedStatement q = c.prepareStatement("SELECT id, prompt, parent_id, iteration, feedback FROM candidates"
                + " WHERE run_id = ? ORDER BY CAST(substr(id, 2) AS INTEGER), id")) {
            q.setString(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Candidate(rs.getString(1), PromptTemplate.parse(rs.getString(2)),
                            rs.getString(3), rs.getInt(4), rs.getString(5)));
                }
            }
        }
        return out;
    }

    private List<Iteration> iterations(Map<String, Candidate> candidates) throws SQLException {
        Map<Integer, Map<String, List<Gradient>>> gradients = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("SELECT iteration, candidate_id, example_id, text FROM gradients"
                + " WHERE run_id = ? ORDER BY rowid")) {
            q.setString(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    gradients.computeIfAbsent(rs.getInt(1), i -> new LinkedHashMap<>())
                            .computeIfAbsent(rs.getString(2), id -> new ArrayList<>())
                            .add(new Gradient(rs.getString(3), rs.getString(4)));
                }
            }
        }
        Map<Integer, Map<String, String>> summaries = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("SELECT iteration, candidate_id, text FROM summaries WHERE run_id = ?")) {
            q.setString(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    summaries.computeIfAbsent(rs.getInt(1), i -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
                }
            }
        }
        Map<Integer, List<String>> drops = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("SELECT iteration, parent_id, reason FROM drops WHERE run_id = ? ORDER BY rowid")) {
            q.setString(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    drops.computeIfAbsent(rs.getInt(1), i -> new ArrayList<>()).add(rs.getString(2) + ": " + rs.getString(3));
                }
            }
        }
        List<Iteration> out = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT idx, improved, beam_json, train_scores_json, scored_json"
                + " FROM iterations WHERE run_id = ? ORDER BY idx")) {
            q.setString(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    int index = rs.getInt(1);
                    Map<String, Double> train = new LinkedHashMap<>();
                    tree(rs.getString(4)).fields().forEachRemaining(e -> train.put(e.getKey(), number(e.getValue())));
                    List<ScoredCandidate> scored = new ArrayList<>();
                    for (Iterator<Map.Entry<String, JsonNode>> it = tree(rs.getString(5)).fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        scored.add(new ScoredCandidate(candidate(candidates, e.getKey()), number(e.getValue().get("score")),
                                e.getValue().get("rated").asInt(), e.getValue().get("errors").asInt()));
                    }
                    List<String> beam = JSON.convertValue(tree(rs.getString(3)), new TypeReference<List<String>>() {});
                    out.add(new Iteration(index, train, gradients.getOrDefault(index, Map.of()),
                            summaries.getOrDefault(index, Map.of()), scored, beam, drops.getOrDefault(index, List.of()),
                            rs.getBoolean(2)));
                }
            }
        }
        return out;
    }

    /** The final test's rows per candidate id, in the order they were rated. */
    private Map<String, List<Evaluation>> testRows() throws SQLException {
        Map<String, List<Evaluation>> out = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("SELECT candidate_id, example_id, fields_json, input, output,"
                + " gen_error, score, passed, reason, score_error, reasoning FROM evaluations WHERE run_id = ? AND purpose = 'test'"
                + " ORDER BY rowid")) {
            q.setString(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String fields = rs.getString(3);
                    Map<String, String> values = fields == null ? Map.of()
                            : JSON.convertValue(tree(fields), new TypeReference<LinkedHashMap<String, String>>() {});
                    Generation g = new Generation(new Example(rs.getString(2), values), rs.getString(4), rs.getString(5),
                            rs.getString(11), rs.getString(6), null);
                    Score s = new Score(rs.getDouble(7), rs.getBoolean(8), rs.getString(9), rs.getBoolean(10));
                    out.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(new Evaluation(g, s));
                }
            }
        }
        return out;
    }

    /** A number as Jackson wrote it: non-finite values are written as strings ("NaN"). */
    static double number(JsonNode node) {
        if (node == null || node.isNull()) return Double.NaN;
        return node.isTextual() ? Double.parseDouble(node.asText()) : node.asDouble();
    }

    private JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new GradSumException(store + ": run " + runId + " has unreadable JSON in the store: " + e.getMessage(), e);
        }
    }
}
