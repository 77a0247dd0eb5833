package dev.gradsum.store;

import dev.gradsum.model.Budget;
import dev.gradsum.model.Role;
import dev.gradsum.recording.RunDescription;
import dev.gradsum.recording.SearchSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the store keeps a {@link RunDescription}: the {@code runs} columns {@code task_description},
 * {@code task_file}, {@code run_folder}, {@code search_*} and {@code budget_*}, and the tables
 * {@code run_models} and {@code run_settings}. The search knobs added after the {@code search_*} columns
 * (selection, minibatchGate, validation, judgeSamples, minConfidence, stopWhenLearned) are read from the
 * run's configuration ({@code config_json}, which names each that is not at its default), as their default
 * when it does not name them ({@link LaterKnobs}).
 */
final class RunDescriptionRows {
    private static final String COLUMNS = "task_description, task_file, run_folder, search_beam, search_iterations,"
            + " search_candidates, search_minibatch, search_patience, search_summarize, search_bootstrap_samples,"
            + " search_seed, budget_usd, budget_calls, budget_tokens, config_json";

    private RunDescriptionRows() {
    }

    /** Records {@code d} for run {@code runId}, replacing what was recorded before. */
    static void write(Connection c, String runId, RunDescription d) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE runs SET task_description = ?, task_file = ?,"
                + " run_folder = ?, search_beam = ?, search_iterations = ?, search_candidates = ?, search_minibatch = ?,"
                + " search_patience = ?, search_summarize = ?, search_bootstrap_samples = ?, search_seed = ?,"
                + " budget_usd = ?, budget_calls = ?, budget_tokens = ? WHERE id = ?")) {
            SearchSettings o = d.search();
            s.setString(1, d.taskDescription());
            s.setString(2, d.taskFile());
            s.setString(3, d.runFolder());
            s.setInt(4, o.beam());
            s.setInt(5, o.iterations());
            s.setInt(6, o.candidates());
            s.setInt(7, o.minibatch());
            s.setInt(8, o.patience());
            s.setBoolean(9, o.summarize());
            s.setInt(10, o.bootstrapSamples());
            s.setLong(11, o.seed());
            SqlValues.setNumber(s, 12, d.budget().usd());
            SqlValues.setNumber(s, 13, d.budget().calls());
            SqlValues.setNumber(s, 14, d.budget().tokens());
            s.setString(15, runId);
            s.executeUpdate();
        }
        for (String table : List.of("run_models", "run_settings")) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE run_id = ?")) {
                s.setString(1, runId);
                s.executeUpdate();
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO run_models (run_id, role, provider, model) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<Role, RunDescription.Model> m : d.models().entrySet()) {
                s.setString(1, runId);
                s.setString(2, m.getKey().key());
                s.setString(3, m.getValue().provider());
                s.setString(4, m.getValue().name());
                s.addBatch();
            }
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO run_settings (run_id, position, name, value) VALUES (?, ?, ?, ?)")) {
            int position = 0;
            for (Map.Entry<String, String> e : d.settings().entrySet()) {
                s.setString(1, runId);
                s.setInt(2, position++);
                s.setString(3, e.getKey());
                s.setString(4, e.getValue());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** The description recorded for run {@code runId}; empty for an unknown run. */
    static Optional<RunDescription> read(Connection c, String runId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM runs WHERE id = ?")) {
            q.setString(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                SearchSettings search = LaterKnobs.settings(rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7),
                        rs.getInt(8), rs.getBoolean(9), rs.getInt(10), rs.getLong(11), LaterKnobs.options(rs.getString(15)));
                return Optional.of(new RunDescription(rs.getString(1), rs.getString(2), rs.getString(3),
                        models(c, runId), search, budget(rs, 12), settings(c, runId)));
            }
        }
    }

    /** The budget recorded for run {@code runId}; unlimited when none is (or for an unknown run). */
    static Budget budget(Connection c, String runId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT budget_usd, budget_calls, budget_tokens FROM runs WHERE id = ?")) {
            q.setString(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? budget(rs, 1) : Budget.unlimited();
            }
        }
    }

    private static Budget budget(ResultSet rs, int first) throws SQLException {
        return new Budget(rs.getObject(first) == null ? null : rs.getDouble(first),
                rs.getObject(first + 1) == null ? null : rs.getLong(first + 1),
                rs.getObject(first + 2) == null ? null : rs.getLong(first + 2));
    }

    private static Map<Role, RunDescription.Model> models(Connection c, String runId) throws SQLException {
        Map<Role, RunDescription.Model> out = new EnumMap<>(Role.class);
        try (PreparedStatement q = c.prepareStatement("SELECT role, provider, model FROM run_models WHERE run_id = ?")) {
            q.setString(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.put(Role.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)),
                            new RunDescription.Model(rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    private static Map<String, String> settings(Connection c, String runId) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (PreparedStatement q = c.prepareStatement("SELECT name, value FROM run_settings WHERE run_id = ? ORDER BY position")) {
            q.setString(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }
}
