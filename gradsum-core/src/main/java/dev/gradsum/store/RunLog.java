package dev.gradsum.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.exception.GradSumException;
import dev.gradsum.model.Budget;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.gradsum.recording.RecordedRun;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.StopReason;
import dev.gradsum.search.TestScore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code runs} table: a run's life (start, resume, finish, interruption) and the queries over it. */
final class RunLog {
    private static final List<String> DETAIL_TABLES =
            List.of("candidates", "evaluations", "gradients", "summaries", "drops", "iterations");
    private static final String SUMMARY_COLUMNS = "r.id, r.task, r.started, r.status, r.best_score, "
            + "(SELECT coalesce(sum(u.cost_usd), 0) FROM run_usage u WHERE u.run_id = r.id) AS cost, "
            + "(SELECT coalesce(sum(u.calls), 0) FROM run_usage u WHERE u.run_id = r.id) AS paid, "
            + "(SELECT coalesce(sum(u.unpriced_calls), 0) FROM run_usage u WHERE u.run_id = r.id) AS unpriced";

    private final StoreConnection db;
    private final ObjectMapper json = new ObjectMapper();

    RunLog(StoreConnection db) {
        this.db = db;
    }

    /**
     * Starts run {@code runId}, or resumes it when it exists: a resume is a new attempt that replays the
     * search from the call cache, so the details of earlier attempts are cleared and recorded again.
     *
     * @return the attempt number (1 for a new run)
     */
    int start(String runId, String task, String configJson, Instant started, Instant now) {
        String hash = configHash(configJson);
        RunOwner me = RunOwner.current();
        return db.transaction(c -> {
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT config_hash, status, owner, updated, attempts FROM runs WHERE id = ?")) {
                q.setString(1, runId);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        insert(c, runId, task, configJson, hash, started, now, me);
                        return 1;
                    }
                    if (!rs.getString(1).equals(hash)) {
                        throw new ConfigurationException(SqliteStore.RESUME_SETTING, "run " + runId
                                + " was started with a different configuration (task, rows, search settings or models);"
                                + " resume it with the configuration it was started with, or start a new run", null);
                    }
                    RunStatus status = RunStatus.parse(rs.getString(2));
                    Optional<RunOwner> owner = RunOwner.parse(rs.getString(3));
                    if (status == RunStatus.RUNNING && owner.isPresent()
                            && owner.get().mayBeAlive(Instant.ofEpochMilli(rs.getLong(4)), now)) {
                        throw new ConfigurationException("run " + runId + " is running now in process "
                                + owner.get().pid() + " on " + owner.get().host() + "; wait for it or start a new run");
                    }
                    int attempt = rs.getInt(5) + 1;
                    resume(c, runId, attempt, now, me);
                    return attempt;
                }
            }
        });
    }

    /** The time the earlier attempts of run {@code runId} took (zero for its first attempt). */
    Duration earlierAttempts(String runId) {
        return db.call(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT earlier_ms FROM runs WHERE id = ?")) {
                q.setString(1, runId);
                try (ResultSet rs = q.executeQuery()) {
                    return Duration.ofMillis(rs.next() ? rs.getLong(1) : 0);
                }
            }
        });
    }

    /**
     * Starts a new run {@code runId} only if the store has no run of that id yet, atomically: two
     * processes that picked the same id cannot both get it.
     *
     * @return whether the run was created
     */
    boolean create(String runId, String task, String configJson, Instant started, Instant now) {
        String hash = configHash(configJson);
        RunOwner me = RunOwner.current();
        return db.transaction(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM runs WHERE id = ?")) {
                q.setString(1, runId);
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            insert(c, runId, task, configJson, hash, started, now, me);
            return true;
        });
    }

    private static void insert(Connection c, String runId, String task, String configJson, String hash,
                               Instant started, Instant now, RunOwner me) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO runs (id, task, config_json, config_hash, started,"
                + " updated, status, attempts, owner, attempt_started) VALUES (?, ?, ?, ?, ?, ?, 'running', 1, ?, ?)")) {
            s.setString(1, runId);
            s.setString(2, task);
            s.setString(3, configJson);
            s.setString(4, hash);
            s.setLong(5, started.toEpochMilli());
            s.setLong(6, now.toEpochMilli());
            s.setString(7, me.text());
            s.setLong(8, now.toEpochMilli());
            s.executeUpdate();
        }
    }

    private static void resume(Connection c, String runId, int attempt, Instant now, RunOwner me) throws SQLException {
        for (String table : DETAIL_TABLES) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE run_id = ?")) {
                s.setString(1, runId);
                s.executeUpdate();
            }
        }
        // the attempt before this one lasted from its start to its last write
        try (PreparedStatement s = c.prepareStatement("UPDATE runs SET status = 'running', attempts = ?, owner = ?,"
                + " earlier_ms = earlier_ms + max(0, updated - coalesce(attempt_started, started)), attempt_started = ?,"
                + " updated = ?, finished = NULL, stop_reason = NULL, error = NULL, best_id = NULL,"
                + " best_score = NULL, stage = NULL, initial_id = NULL, elapsed_ms = NULL, test_rows = NULL,"
                + " test_initial = NULL, test_best = NULL, test_low = NULL, test_high = NULL, test_initial_errors = NULL,"
                + " test_best_errors = NULL WHERE id = ?")) {
            s.setInt(1, attempt);
            s.setString(2, me.text());
            s.setLong(3, now.toEpochMilli());
            s.setLong(4, now.toEpochMilli());
            s.setString(5, runId);
            s.executeUpdate();
        }
    }

    /**
     * Writes how the run ended; {@code usage}, when given, is the call path's final account per role
     * (earlier attempts included) and replaces what was counted call by call; {@code result}, when the
     * search returned one, records its initial and best candidate, elapsed time and final test.
     */
    void finish(String runId, RunStatus status, StopReason stopReason, Double bestScore, Map<Role, Usage> usage,
                OptimizationResult result, String error, Instant now) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE runs SET status = ?, stop_reason = ?,"
                    + " best_score = coalesce(?, best_score), error = ?, finished = ?, updated = ? WHERE id = ?")) {
                s.setString(1, status.key());
                s.setString(2, stopReason == null ? null : stopReason.name());
                if (bestScore == null) s.setNull(3, Types.REAL); else s.setDouble(3, bestScore);
                s.setString(4, error);
                s.setLong(5, now.toEpochMilli());
                s.setLong(6, now.toEpochMilli());
                s.setString(7, runId);
                if (s.executeUpdate() == 0) {
                    throw new GradSumException("run " + runId + " is not in the store " + db.path());
                }
            }
            if (usage != null) {
                UsageRows.replace(c, runId, usage);
            }
            if (result != null) {
                recordResult(c, runId, result.initial().id(), result.best().id(),
                        result.elapsed() == null ? 0 : result.elapsed().toMillis(), result.test());
            }
            return null;
        });
    }

    /** Records what the search returned: the run then has a result ({@code elapsed_ms} is set). */
    static void recordResult(Connection c, String runId, String initialId, String bestId, long elapsedMs, TestScore t)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE runs SET initial_id = ?, best_id = ?, elapsed_ms = ?,"
                + " test_rows = ?, test_initial = ?, test_best = ?, test_low = ?, test_high = ?, test_initial_errors = ?,"
                + " test_best_errors = ? WHERE id = ?")) {
            s.setString(1, initialId);
            s.setString(2, bestId);
            s.setLong(3, elapsedMs);
            SqlValues.setNumber(s, 4, t == null ? null : t.rows());
            SqlValues.setNumber(s, 5, t == null ? null : t.initial());
            SqlValues.setNumber(s, 6, t == null ? null : t.best());
            SqlValues.setNumber(s, 7, t == null ? null : t.low());
            SqlValues.setNumber(s, 8, t == null ? null : t.high());
            SqlValues.setNumber(s, 9, t == null ? null : t.initialErrors());
            SqlValues.setNumber(s, 10, t == null ? null : t.bestErrors());
            s.setString(11, runId);
            s.executeUpdate();
        }
    }

    Map<Role, Usage> spent(String runId) {
        return db.call(c -> UsageRows.byRole(c, runId));
    }

    /** Marks {@code running} runs whose process is gone as {@code interrupted}; returns how many. */
    int interruptStale(Instant now) {
        return db.transaction(c -> {
            List<String> stale = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT id, owner, updated FROM runs WHERE status = 'running'");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    Optional<RunOwner> owner = RunOwner.parse(rs.getString(2));
                    Instant heartbeat = Instant.ofEpochMilli(rs.getLong(3));
                    if (owner.isEmpty() || !owner.get().mayBeAlive(heartbeat, now)) {
                        stale.add(rs.getString(1));
                    }
                }
            }
            for (String id : stale) {
                try (PreparedStatement s = c.prepareStatement("UPDATE runs SET status = 'interrupted' WHERE id = ?")) {
                    s.setString(1, id);
                    s.executeUpdate();
                }
            }
            return stale.size();
        });
    }

    List<RunSummary> list() {
        return db.call(c -> summaries(c, "SELECT " + SUMMARY_COLUMNS + " FROM runs r ORDER BY r.started DESC, r.id"));
    }

    /** Runs started with exactly {@code configJson} that a resume could continue, newest first. */
    List<RunSummary> unfinished(String configJson) {
        return db.call(c -> summaries(c, "SELECT " + SUMMARY_COLUMNS + " FROM runs r WHERE r.config_hash = ?"
                + " AND r.status IN ('stopped', 'failed', 'interrupted') ORDER BY r.started DESC", configHash(configJson)));
    }

    /** Stopped or interrupted runs started with exactly {@code configJson}, and those finished on their budget; newest first. */
    List<RunSummary> continuable(String configJson) {
        return db.call(c -> summaries(c, "SELECT " + SUMMARY_COLUMNS + " FROM runs r WHERE r.config_hash = ?"
                + " AND (r.status IN ('stopped', 'interrupted') OR (r.status = 'finished' AND r.stop_reason = 'BUDGET'))"
                + " ORDER BY r.started DESC", configHash(configJson)));
    }

    Optional<RecordedRun> recorded(String runId) {
        return db.call(c -> RunReader.read(c, runId, db.path()));
    }

    /** The budget run {@code runId} was last started or resumed with (unlimited when none is recorded). */
    Budget budget(String runId) {
        return db.call(c -> RunDescriptionRows.budget(c, runId));
    }

    Optional<RunDetails> details(String runId) {
        return db.call(c -> {
            List<RunSummary> found = summaries(c, "SELECT " + SUMMARY_COLUMNS + " FROM runs r WHERE r.id = ?", runId);
            if (found.isEmpty()) return Optional.empty();
            try (PreparedStatement q = c.prepareStatement("SELECT r.config_json, r.stop_reason, r.error, r.stage,"
                    + " r.updated, r.finished, r.attempts, r.best_id, (SELECT prompt FROM candidates k"
                    + " WHERE k.run_id = r.id AND k.id = r.best_id), (SELECT count(*) FROM candidates k WHERE"
                    + " k.run_id = r.id), (SELECT count(*) FROM drops d WHERE d.run_id = r.id),"
                    + " r.elapsed_ms IS NOT NULL FROM runs r WHERE r.id = ?")) {
                q.setString(1, runId);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    long finished = rs.getLong(6);
                    boolean unfinished = rs.wasNull();
                    return Optional.of(new RunDetails(found.get(0), rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)),
                            unfinished ? null : Instant.ofEpochMilli(finished), rs.getInt(7),
                            UsageRows.sum(c, runId), rs.getString(8), rs.getString(9), iterations(c, runId),
                            rs.getInt(10), rs.getInt(11), rs.getBoolean(12)));
                }
            }
        });
    }

    private List<RunDetails.IterationLine> iterations(Connection c, String runId) throws SQLException {
        List<RunDetails.IterationLine> out = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT idx, best_id, best_score, improved, beam_json"
                + " FROM iterations WHERE run_id = ? ORDER BY idx")) {
            q.setString(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new RunDetails.IterationLine(rs.getInt(1), rs.getString(2), rs.getDouble(3),
                            rs.getBoolean(4), readList(rs.getString(5))));
                }
            }
        }
        return out;
    }

    private List<String> readList(String text) {
        try {
            return json.readValue(text, new TypeReference<List<String>>() {});
        } catch (Exception e) {
            throw new GradSumException(db.path() + ": unreadable beam in the store: " + e.getMessage(), e);
        }
    }

    private static List<RunSummary> summaries(Connection c, String sql, String... args) throws SQLException {
        List<RunSummary> out = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) q.setString(i + 1, args[i]);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    double best = rs.getDouble(5);
                    Double bestScore = rs.wasNull() ? null : best;
                    out.add(new RunSummary(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                            RunStatus.parse(rs.getString(4)), bestScore, rs.getDouble(6), rs.getLong(7), rs.getLong(8)));
                }
            }
        }
        return out;
    }

    static String configHash(String configJson) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(configJson.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
