package dev.gradsum.store;

import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.llm.BatchApi;
import dev.gradsum.llm.BatchLedger;
import dev.gradsum.llm.BatchReply;
import dev.gradsum.llm.CallCache;
import dev.gradsum.llm.CallRecord;
import dev.gradsum.llm.LlmReply;
import dev.gradsum.model.Budget;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.gradsum.recording.CacheStats;
import dev.gradsum.recording.RecordedRun;
import dev.gradsum.recording.RunIds;
import dev.gradsum.recording.RunRecording;
import dev.gradsum.search.StopReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * gradsum's embedded SQLite store (default {@code .gradsum/gradsum.db}): the persistent call cache and
 * every run with what it learned. Nothing paid for is lost: a reply is committed before the
 * {@code Llm} path returns it, so a rerun or a resumed run answers it from here.
 *
 * <p><b>Resume.</b> Every call is cached before use and the search is deterministic given its seed,
 * so resuming run {@code R} is rerunning the same configuration under the same id: {@link #start}
 * opens a new attempt, the search replays answered calls from the cache for free and continues where
 * the crash cut it off. Pass {@link #spentByRole(String)} to
 * {@link dev.gradsum.GradSum.Builder#spentBefore} so a budget holds across the crash.
 *
 * <p><b>Batches.</b> As the call path's {@link BatchLedger} it keeps every provider batch submitted, with
 * each request's custom id and call-cache key, from the moment the provider created it, and each answer
 * as it arrives: a rerun or {@code --resume} after a crash polls those batches instead of submitting again.
 * Before each batch is created, its submission intent (token and request keys) is kept too, so a batch
 * the provider created just before a crash is looked up by its token rather than submitted again.
 *
 * <p>Several threads and several processes may use one store at once: it runs in WAL mode, writers
 * wait up to 10 s for each other, and each write commits on its own or in one transaction.
 * The schema is versioned ({@code PRAGMA user_version}); a store from a newer gradsum is refused.
 */
public final class SqliteStore implements CallCache, BatchLedger, AutoCloseable {
    /** Where the CLI keeps the store unless told otherwise. */
    public static final Path DEFAULT_PATH = Path.of(".gradsum", "gradsum.db");
    /** The setting a store failure names ({@link dev.gradsum.exception.GradSumException#setting()}): the store's path. */
    public static final String SETTING = "store";
    /** The setting a refused resume names: the run to resume, whose configuration must be repeated. */
    public static final String RESUME_SETTING = "resume";

    private final StoreConnection db;
    private final RunLog runs;
    private final BatchRows batches;
    private final Clock clock;
    private final AtomicLong hits = new AtomicLong();

    private SqliteStore(StoreConnection db, Clock clock) {
        this.db = db;
        this.runs = new RunLog(db);
        this.batches = new BatchRows(db, clock);
        this.clock = clock;
    }

    /** Opens (creating it and its folders when missing) and migrates the store at {@code path}. */
    public static SqliteStore open(Path path) {
        return open(path, Clock.systemUTC());
    }

    /** As {@link #open(Path)}, with the clock that stamps runs and cache entries. */
    public static SqliteStore open(Path path, Clock clock) {
        StoreConnection db = connect(path);
        try {
            Migrations.CURRENT.apply(db);
            SqliteStore store = new SqliteStore(db, clock);
            store.runs.interruptStale(clock.instant());
            return store;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    static StoreConnection connect(Path path) {
        Path parent = path.toAbsolutePath().getParent();
        try {
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            String why = e instanceof java.nio.file.FileAlreadyExistsException ? "a file of that name is in the way"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : "not allowed there";
            throw new ConfigurationException(SETTING, path + ": cannot create folder " + parent + " (" + why
                    + "); open a store at another path", e);
        }
        return StoreConnection.open(path);
    }

    public Path path() {
        return db.path();
    }

    // ---- provider batches (the call path's batch ledger) ---------------------------------------

    @Override
    public void intended(Intent intent) {
        batches.intended(intent);
    }

    @Override
    public void settled(String token) {
        batches.settled(token);
    }

    @Override
    public List<Intent> intents(String provider, String model) {
        return batches.intents(provider, model);
    }

    @Override
    public void submitted(Batch batch) {
        batches.submitted(batch);
    }

    @Override
    public void submitted(Batch batch, String token) {
        batches.submitted(batch, token);
    }

    @Override
    public void stateChanged(String batchId, BatchApi.State state) {
        batches.stateChanged(batchId, state);
    }

    @Override
    public void ended(String batchId, BatchApi.State state, Instant at) {
        batches.ended(batchId, state, at);
    }

    @Override
    public void answered(String requestKey, BatchReply reply) {
        batches.answered(requestKey, reply);
    }

    @Override
    public Optional<BatchReply> answer(String requestKey) {
        return batches.answer(requestKey);
    }

    @Override
    public List<Batch> open(String provider, String model) {
        return batches.open(provider, model);
    }

    // ---- call cache -------------------------------------------------------------------------

    @Override
    public Optional<LlmReply> get(String key) {
        Optional<LlmReply> found = db.call(c -> {
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT reply, reasoning, input_tokens, output_tokens FROM call_cache WHERE key = ?")) {
                q.setString(1, key);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new LlmReply(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), true))
                            : Optional.<LlmReply>empty();
                }
            }
        });
        found.ifPresent(r -> hits.incrementAndGet());
        return found;
    }

    /** Commits the reply before returning; the first reply stored for a key stays (replays are deterministic). */
    @Override
    public void put(String key, CallRecord record) {
        Objects.requireNonNull(record.reply(), "reply");
        db.call(c -> insert(c, key, record, clock.millis()));
    }

    static int insert(Connection c, String key, CallRecord record, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO call_cache (key, reply, input_tokens,"
                + " output_tokens, provider, model, role, cost_usd, created, reasoning) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (key) DO NOTHING")) {
            s.setString(1, key);
            s.setString(2, record.reply().text());
            s.setLong(3, record.reply().inputTokens());
            s.setLong(4, record.reply().outputTokens());
            s.setString(5, String.valueOf(record.provider()));
            s.setString(6, String.valueOf(record.model()));
            s.setString(7, record.role() == null ? "" : record.role().key());
            s.setDouble(8, record.costUsd());
            s.setLong(9, now);
            s.setString(10, record.reply().reasoning().isEmpty() ? null : record.reply().reasoning());
            return s.executeUpdate();
        }
    }

    /**
     * This store as a cache that records every answer but never answers ({@code --no-cache}): fresh
     * calls are still kept, so a later run or resume can use them.
     */
    public CallCache writeOnly() {
        return CallCache.writeOnly(this);
    }

    public CacheStats stats() {
        return db.call(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT count(*), coalesce(sum(length(CAST(reply AS BLOB))), 0),"
                    + " coalesce(sum(cost_usd), 0) FROM call_cache");
                 ResultSet rs = q.executeQuery()) {
                rs.next();
                return new CacheStats(rs.getLong(1), rs.getLong(2), rs.getDouble(3), hits.get());
            }
        });
    }

    /** Forgets every cached reply (runs stay); returns how many were removed. */
    public long clear() {
        return db.call(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM call_cache")) {
                return (long) s.executeUpdate();
            }
        });
    }

    // ---- runs -------------------------------------------------------------------------------

    /** Starts run {@code runId} now, or resumes it (a new attempt) when the store already has it. */
    public RunRecording start(String runId, String task, String configJson) {
        return start(runId, task, configJson, clock.instant());
    }

    /**
     * Starts run {@code runId}, or resumes it when the store already has it: a resume must use the same
     * {@code configJson}, and the details of earlier attempts are recorded again as the search replays.
     *
     * @throws ConfigurationException when the run exists with another configuration or is running now
     */
    public RunRecording start(String runId, String task, String configJson, Instant started) {
        int attempt = runs.start(runId, task, configJson, started, clock.instant());
        return new RunRecorder(this, db, runs, runId, attempt, clock);
    }

    /**
     * Starts a new run {@code runId}, or returns empty when the store already has a run of that id (for
     * instance one another process started a moment ago): a new run never continues another.
     */
    public Optional<RunRecording> startNew(String runId, String task, String configJson, Instant started) {
        if (!runs.create(runId, task, configJson, started, clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(new RunRecorder(this, db, runs, runId, 1, clock));
    }

    /**
     * Starts a new run of {@code task} under a fresh id ({@link RunIds}) that neither this store nor
     * {@code alsoTaken} has; when another process takes the same id between the choice and the insert,
     * the next free id is taken instead.
     */
    public RunRecording startNew(String task, String configJson, Instant started, Predicate<String> alsoTaken) {
        while (true) {
            String id = RunIds.next(task, started, known -> alsoTaken.test(known) || run(known).isPresent());
            Optional<RunRecording> recorder = startNew(id, task, configJson, started);
            if (recorder.isPresent()) {
                return recorder.get();
            }
        }
    }

    /**
     * Writes how a run ended (usually through its {@link RunRecording}).
     *
     * @param usage the call path's final usage per role, earlier attempts included, or {@code null} to keep what was counted
     */
    public void finish(String runId, RunStatus status, StopReason stopReason, Double bestScore, Map<Role, Usage> usage) {
        if (run(runId).isEmpty()) {
            throw new ConfigurationException("run " + runId + " is not in the store " + path());
        }
        runs.finish(runId, status, stopReason, bestScore, usage, null, null, clock.instant());
    }

    /** What run {@code runId} has spent over all its attempts; only paid calls cost money. */
    public Usage spent(String runId) {
        return spentByRole(runId).values().stream().reduce(Usage.ZERO, Usage::plus);
    }

    /**
     * The time run {@code runId}'s earlier attempts took, each from its start to its last write (zero for a
     * first attempt): a resumed run's elapsed time adds it, so it covers every attempt.
     */
    public java.time.Duration earlierAttempts(String runId) {
        return runs.earlierAttempts(runId);
    }

    /** As {@link #spent(String)}, per role: what a resume passes as {@code spentBefore}. */
    public Map<Role, Usage> spentByRole(String runId) {
        return runs.spent(runId);
    }

    /** Every run, newest first; runs whose process died are shown {@code interrupted}. */
    public List<RunSummary> listRuns() {
        runs.interruptStale(clock.instant());
        return runs.list();
    }

    public Optional<RunDetails> run(String runId) {
        runs.interruptStale(clock.instant());
        return runs.details(runId);
    }

    /**
     * Run {@code runId} read back from the tables, with everything its run folder shows; empty when the
     * store has no such run or its search never returned (it failed, or its process died).
     */
    public Optional<RecordedRun> recorded(String runId) {
        return runs.recorded(runId);
    }

    /** The budget run {@code runId} was last started or resumed with; unlimited when none is recorded. */
    public Budget budget(String runId) {
        return runs.budget(runId);
    }

    /** Runs started with exactly {@code configJson} that {@code --resume} could continue, newest first. */
    public List<RunSummary> unfinished(String configJson) {
        runs.interruptStale(clock.instant());
        return runs.unfinished(configJson);
    }

    /**
     * Runs started with exactly {@code configJson} that a plain rerun should offer to continue, newest
     * first: those stopped or interrupted before they finished, and those that finished on their budget
     * (status {@code finished}: a larger budget lets them go on). Failed runs are left out: what failed
     * them (a refused key, an unknown model) fails a resume too.
     */
    public List<RunSummary> continuable(String configJson) {
        runs.interruptStale(clock.instant());
        return runs.continuable(configJson);
    }

    @Override
    public void close() {
        db.close();
    }
}
