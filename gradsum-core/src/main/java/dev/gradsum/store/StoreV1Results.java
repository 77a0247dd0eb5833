package dev.gradsum.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradsum.exception.GradSumException;
import dev.gradsum.model.Budget;
import dev.gradsum.model.Role;
import dev.gradsum.recording.RunDescription;
import dev.gradsum.search.TestScore;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
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
        Map<Role, RunDescription.Model> models = new EnumMap<>(Role.class);
        info.path("models").fields().forEachRemaining(m -> models.put(Role.valueOf(m.getKey().toUpperCase(Locale.ROOT)),
                new RunDescription.Model(m.getValue().path("provider").asText(), m.getValue().path("name").asText())));
        Map<String, String> settings = new LinkedHashMap<>();
        info.path("settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
        RunDescriptionRows.write(c, runId, new RunDescription(info.path("taskDescription").asText(""),
                path(info.path("taskFile")), text(root.path("runFolder")), models,
                LaterKnobs.settings(options.path("beamSize").asInt(), options.path("iterations").asInt(),
                        options.path("candidatesPerPrompt").asInt(), options.path("minibatchSize").asInt(),
                        options.path("patience").asInt(), options.path("summarize").asBoolean(),
                        options.path("bootstrapSamples").asInt(), options.path("seed").asLong(), options),
                new Budget(budget.path("usd").isNumber() ? budget.path("usd").asDouble() : null,
                        budget.path("calls").isNumber() ? budget.path("calls").asLong() : null,
                        budget.path("tokens").isNumber() ? budget.path("tokens").asLong() : null),
                settings));
        JsonNode result = root.path("result");
        JsonNode test = result.path("test");
        RunLog.recordResult(c, runId, result.path("initial").path("id").asText(), result.path("best").path("id").asText(),
                result.path("elapsed").asLong(), !test.isObject() ? null : new TestScore(test.path("rows").asInt(),
                        RunReader.number(test.get("initial")), RunReader.number(test.get("best")),
                        RunReader.number(test.get("low")), RunReader.number(test.get("high")),
                        test.path("initialErrors").asInt(), test.path("bestErrors").asInt()));
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
