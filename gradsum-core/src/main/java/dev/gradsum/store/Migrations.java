package dev.gradsum.store;

import dev.gradsum.exception.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The store's schema history: numbered SQL scripts ({@code V1__init.sql}, {@code V2__...}) held as
 * resources, applied in order in one write transaction. The version reached is kept in
 * {@code PRAGMA user_version}. A version may also have a {@link DataStep} that runs right after its
 * script, in the same transaction, for what SQL alone cannot move (version 2 moves the version-1 JSON
 * dumps of finished runs into tables: {@link StoreV1Results}). A store written by a newer gradsum (a
 * higher version than the last script known here) is refused rather than misread.
 */
final class Migrations {
    /** The scripts of this gradsum, in order; script {@code i} (0-based) brings the schema to version {@code i + 1}. */
    static final Migrations CURRENT = new Migrations("dev/gradsum/store/",
            List.of("V1__init.sql", "V2__run_record.sql", "V3__answer_reasoning.sql", "V4__attempt_time.sql",
                    "V5__usage_estimates.sql", "V6__batches.sql", "V7__batch_intents.sql"),
            Map.of(2, StoreV1Results::migrate));

    /** Moves data after a version's script has run. */
    @FunctionalInterface
    interface DataStep {
        void apply(Connection c) throws SQLException;
    }

    private final String directory;
    private final List<String> scripts;
    private final Map<Integer, DataStep> dataSteps;

    Migrations(String directory, List<String> scripts) {
        this(directory, scripts, Map.of());
    }

    Migrations(String directory, List<String> scripts, Map<Integer, DataStep> dataSteps) {
        for (int i = 0; i < scripts.size(); i++) {
            if (!scripts.get(i).startsWith("V" + (i + 1) + "__")) {
                throw new IllegalArgumentException("migration " + (i + 1) + " must be named V" + (i + 1) + "__*.sql, was " + scripts.get(i));
            }
        }
        this.directory = directory;
        this.scripts = List.copyOf(scripts);
        this.dataSteps = Map.copyOf(dataSteps);
    }

    /** The schema version these scripts reach. */
    int latest() {
        return scripts.size();
    }

    /**
     * Brings the store to {@link #latest()}; safe when several processes open a new store at once (the
     * second waits for the first, then finds nothing to do).
     *
     * @return the version found before migrating
     */
    int apply(StoreConnection db) {
        return db.transaction(c -> {
            int found = version(c);
            if (found > latest()) {
                throw new ConfigurationException(SqliteStore.SETTING, db.path() + ": store schema version " + found
                        + " is newer than this gradsum supports (" + latest()
                        + "); upgrade gradsum or open a store at another path", null);
            }
            for (int v = found + 1; v <= latest(); v++) {
                for (String sql : statements(read(scripts.get(v - 1)))) {
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate(sql);
                    }
                }
                DataStep step = dataSteps.get(v);
                if (step != null) {
                    step.apply(c);
                }
            }
            if (found != latest()) {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("PRAGMA user_version = " + latest());
                }
            }
            return found;
        });
    }

    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private String read(String script) {
        String resource = directory + script;
        try (InputStream in = Migrations.class.getResourceAsStream("/" + resource)) { // works in a named module too
            if (in == null) {
                throw new IllegalStateException("migration script missing from the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    /** Splits a script into statements: {@code --} comment lines dropped, a statement ends with {@code ;} at a line's end. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
