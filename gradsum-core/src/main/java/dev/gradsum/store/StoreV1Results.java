package dev.gradsum.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradsum.GradSumException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Part of migration 2: moves what a schema-1 store kept only in its JSON dump of a finished run
 * ({@code runs.result_json}: the run info, the result's best and initial candidate, elapsed time and
 * final test, the test rows' example fields) into the tables that {@code V2__run_record.sql} added,
 * then drops the dump column. Runs the one time a schema-1 store is opened by this gradsum.
 */
final class StoreV1Results {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StoreV1Results() {
    }

    static void migrate(Connection c) throws SQLException {
        Map<String, String> dumps = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, result_json FROM runs WHERE result_json IS NOT NULL")) {
            while (rs.next()) dumps.put(rs.getString(1), rs.getString(2));
        }
        for (Map.Entry<String, String> dump : dumps.entrySet()) {
            JsonNode root;
            try {
                root = JSON.readTree(dump.getValue());
            } catch (Exception e) {
                throw new GradSumException("run " + dump.getKey() + ": the stored result cannot be read (" + e.getMessage()
                        + "); the store was not migrated", e);
            }
            migrate(c, dump.getKey(), root);
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("ALTER TABLE runs DROP COLUMN result_json");
        }
    }

    private static void migrate(Connection c, String runId, JsonNode root) throws SQLException {
        JsonNode info = root.path("info");
        JsonNode options = info.path("options");
        JsonNode budget = info.path("budget");
        JsonNode result = root.path("result");
        JsonNode test = result.path("test");
        try (PreparedStatement s = c.prepareStatement("UPDATE runs SET task_description = ?, task_file = ?, run_folder = ?,"
                + " search_beam = ?, search_iterations = ?, search_candidates = ?, search_minibatch = ?, search_patience = ?,"
                + " search_summarize = ?, search_bootstrap_samples = ?, search_seed = ?, budget_usd = ?, budget_calls = ?,"
                + " budget_tokens = ?, initial_id = ?, best_id = ?, elapsed_ms = ?, test_rows = ?, test_initial = ?,"
                + " test_best = ?, test_low = ?, test_high = ?, test_initial_errors = ?, test_best_errors = ? WHERE id = ?")) {
            s.setString(1, info.path("taskDescription").asText(""));
            s.setString(2, path(info.path("taskFile")));
            s.setString(3, text(root.path("runFolder")));
            s.setInt(4, options.path("beamSize").asInt());
            s.setInt(5, options.path("iterations").asInt());
            s.setInt(6, options.path("candidatesPerPrompt").asInt());
            s.setInt(7, options.path("minibatchSize").asInt());
            s.setInt(8, options.path("patience").asInt());
            s.setBoolean(9, options.path("summarize").asBoolean());
            s.setInt(10, options.path("bootstrapSamples").asInt());
            s.setLong(11, options.path("seed").asLong());
            RunRecorder.setNumber(s, 12, budget.path("usd").isNumber() ? budget.path("usd").asDouble() : null);
            RunRecorder.setNumber(s, 13, budget.path("calls").isNumber() ? budget.path("calls").asLong() : null);
            RunRecorder.setNumber(s, 14, budget.path("tokens").isNumber() ? budget.path("tokens").asLong() : null);
            s.setString(15, result.path("initial").path("id").asText());
            s.setString(16, result.path("best").path("id").asText());
            s.setLong(17, result.path("elapsed").asLong());
            boolean tested = test.isObject();
            RunRecorder.setNumber(s, 18, tested ? test.path("rows").asLong() : null);
            RunRecorder.setNumber(s, 19, tested ? RunReader.number(test.get("initial")) : null);
            RunRecorder.setNumber(s, 20, tested ? RunReader.number(test.get("best")) : null);
            RunRecorder.setNumber(s, 21, tested ? RunReader.number(test.get("low")) : null);
            RunRecorder.setNumber(s, 22, tested ? RunReader.number(test.get("high")) : null);
            RunRecorder.setNumber(s, 23, tested ? test.path("initialErrors").asLong() : null);
            RunRecorder.setNumber(s, 24, tested ? test.path("bestErrors").asLong() : null);
            s.setString(25, runId);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO run_models (run_id, role, provider, model)"
                + " VALUES (?, ?, ?, ?)")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = info.path("models").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> m = it.next();
                s.setString(1, runId);
                s.setString(2, m.getKey().toLowerCase(Locale.ROOT));
                s.setString(3, m.getValue().path("provider").asText());
                s.setString(4, m.getValue().path("name").asText());
                s.executeUpdate();
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO run_settings (run_id, position, name, value)"
                + " VALUES (?, ?, ?, ?)")) {
            int position = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = info.path("settings").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                s.setString(1, runId);
                s.setInt(2, position++);
                s.setString(3, e.getKey());
                s.setString(4, e.getValue().asText());
                s.executeUpdate();
            }
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE evaluations SET fields_json = ? WHERE run_id = ?"
                + " AND purpose = 'test' AND example_id = ?")) {
            for (String side : new String[] {"initial", "best"}) {
                for (JsonNode evaluation : root.path("tests").path(side)) {
                    JsonNode example = evaluation.path("generation").path("example");
                    s.setString(1, example.path("fields").toString());
                    s.setString(2, runId);
                    s.setString(3, example.path("id").asText());
                    s.executeUpdate();
                }
            }
        }
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    /** Jackson wrote a {@code Path} as its {@code file:} URI. */
    private static String path(JsonNode node) {
        String text = text(node);
        if (text == null) return null;
        return text.startsWith("file:") ? Path.of(URI.create(text)).toString() : text;
    }

}
