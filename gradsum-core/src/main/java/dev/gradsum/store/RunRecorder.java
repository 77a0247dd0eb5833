package dev.gradsum.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradsum.engine.SearchListener;
import dev.gradsum.engine.Stage;
import dev.gradsum.llm.CallCache;
import dev.gradsum.llm.CallListener;
import dev.gradsum.llm.LlmReply;
import dev.gradsum.metric.Score;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.modules.Generation;
import dev.gradsum.modules.Gradient;
import dev.gradsum.recording.RunDescription;
import dev.gradsum.recording.RunRecording;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.Iteration;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.ScoredCandidate;
import dev.gradsum.search.StopReason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one run into the store as it happens. Give it to {@link dev.gradsum.GradSum.Builder} three
 * times: as the {@link #cache() cache} (each paid call is counted for this run in the same transaction
 * that stores its reply, so what the run spent survives any crash: {@link SqliteStore#spent(String)}),
 * as a {@link CallListener} (cache hits are counted), and as a {@link SearchListener} (candidates with
 * parent and feedback, every rated row per purpose, gradients, summaries, drops, iterations).
 * Tell it what the run was asked to do with {@link #describe} when it starts. End it with
 * {@link #finished}, {@link #stopped} or {@link #failed}; a run whose process dies first is found
 * {@code interrupted}. What it writes is the run's one record: {@link SqliteStore#recorded(String)} reads
 * it back. Made by {@link SqliteStore#start}. Thread-safe.
 */
final class RunRecorder implements RunRecording {
    private final SqliteStore store;
    private final StoreConnection db;
    private final RunLog log;
    private final String runId;
    private final int attempt;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private Double bestScore;

    RunRecorder(SqliteStore store, StoreConnection db, RunLog log, String runId, int attempt, Clock clock) {
        this.store = store;
        this.db = db;
        this.log = log;
        this.runId = runId;
        this.attempt = attempt;
        this.clock = clock;
    }

    @Override
    public String runId() {
        return runId;
    }

    /** 1 for a new run, one more for each resume. */
    @Override
    public int attempt() {
        return attempt;
    }

    /** The store's call cache, counting every paid call of this run as its reply is stored. */
    @Override
    public CallCache cache() {
        return new RunCallCache(store, db, runId, clock);
    }

    /** As {@link #cache()} but never answering ({@code --no-cache}): fresh replies are still kept and counted. */
    @Override
    public CallCache writeOnlyCache() {
        return CallCache.writeOnly(cache());
    }

    /**
     * Records what the run was asked to do (task, models, search settings, budget, settings); a resume
     * records it again, replacing what the earlier attempt recorded.
     */
    @Override
    public void describe(RunDescription description) {
        db.transaction(c -> {
            RunDescriptionRows.write(c, runId, description);
            return null;
        });
    }

    @Override
    public void stageStarted(int iteration, Stage stage, int plannedCalls) {
        String where = stage == Stage.TEST ? "final test" : "iteration " + iteration + ": " + stage;
        db.call(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE runs SET stage = ?, updated = ? WHERE id = ?")) {
                s.setString(1, where);
                s.setLong(2, clock.millis());
                s.setString(3, runId);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void candidateCreated(Candidate candidate) {
        db.call(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO candidates"
                    + " (run_id, id, iteration, parent_id, prompt, feedback) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, runId);
                s.setString(2, candidate.id());
                s.setInt(3, candidate.iteration());
                s.setString(4, candidate.parentId());
                s.setString(5, candidate.prompt().text());
                s.setString(6, candidate.feedback());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void evaluated(int iteration, Candidate candidate, String purpose, List<Evaluation> evaluations) {
        List<String> fields = evaluations.stream().map(e -> write(e.generation().example().fields())).toList();
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO evaluations (run_id, iteration, candidate_id,"
                    + " purpose, example_id, input, output, gen_error, score, passed, reason, score_error, fields_json,"
                    + " reasoning) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < evaluations.size(); i++) {
                    Evaluation e = evaluations.get(i);
                    Generation g = e.generation();
                    Score score = e.score();
                    s.setString(1, runId);
                    s.setInt(2, iteration);
                    s.setString(3, candidate.id());
                    s.setString(4, purpose);
                    s.setString(5, g.example().id());
                    s.setString(6, g.input());
                    s.setString(7, g.output());
                    s.setString(8, g.error());
                    s.setDouble(9, score.value());
                    s.setBoolean(10, score.passed());
                    s.setString(11, score.reason());
                    s.setBoolean(12, score.error());
                    s.setString(13, fields.get(i));
                    s.setString(14, g.reasoning().isEmpty() ? null : g.reasoning());
                    s.addBatch();
                }
                return s.executeBatch();
            }
        });
    }

    @Override
    public void gradientsGenerated(int iteration, Candidate parent, List<Gradient> gradients) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO gradients"
                    + " (run_id, iteration, candidate_id, example_id, text) VALUES (?, ?, ?, ?, ?)")) {
                for (Gradient g : gradients) {
                    s.setString(1, runId);
                    s.setInt(2, iteration);
                    s.setString(3, parent.id());
                    s.setString(4, g.exampleId());
                    s.setString(5, g.text());
                    s.addBatch();
                }
                return s.executeBatch();
            }
        });
    }

    @Override
    public void summarized(int iteration, Candidate parent, String summary) {
        db.call(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO summaries"
                    + " (run_id, iteration, candidate_id, text) VALUES (?, ?, ?, ?)")) {
                s.setString(1, runId);
                s.setInt(2, iteration);
                s.setString(3, parent.id());
                s.setString(4, summary);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void candidateDropped(int iteration, Candidate parent, String reason) {
        db.call(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO drops (run_id, iteration, parent_id, reason) VALUES (?, ?, ?, ?)")) {
                s.setString(1, runId);
                s.setInt(2, iteration);
                s.setString(3, parent.id());
                s.setString(4, reason);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void iterationFinished(Iteration iteration) {
        ScoredCandidate best = iteration.best();
        synchronized (this) {
            if (best.hasScore() && (bestScore == null || best.score() > bestScore)) {
                bestScore = best.score();
            }
        }
        Map<String, Object> scored = new LinkedHashMap<>();
        for (ScoredCandidate sc : iteration.scored()) {
            scored.put(sc.candidate().id(), Map.of("score", sc.score(), "rated", sc.rated(), "errors", sc.errors()));
        }
        String beamJson = write(iteration.beam());
        String trainJson = write(new java.util.TreeMap<>(iteration.trainScores()));
        String scoredJson = write(scored);
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO iterations (run_id, idx, improved,"
                    + " best_id, best_score, beam_json, train_scores_json, scored_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, runId);
                s.setInt(2, iteration.index());
                s.setBoolean(3, iteration.improved());
                s.setString(4, best.candidate().id());
                SqlValues.setNumber(s, 5, best.score());
                s.setString(6, beamJson);
                s.setString(7, trainJson);
                s.setString(8, scoredJson);
                s.executeUpdate();
            }
            if (best.hasScore()) {
                raiseBest(c, best);
            }
            return null;
        });
    }

    private void raiseBest(Connection c, ScoredCandidate best) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE runs SET best_id = ?, best_score = ?, updated = ?"
                + " WHERE id = ? AND (best_score IS NULL OR best_score < ?)")) {
            s.setString(1, best.candidate().id());
            s.setDouble(2, best.score());
            s.setLong(3, clock.millis());
            s.setString(4, runId);
            s.setDouble(5, best.score());
            s.executeUpdate();
        }
    }

    /**
     * Counts a cache hit for this run; paid calls were counted when {@link #cache()} stored them, and a
     * replay of an earlier attempt's request by that attempt.
     */
    @Override
    public void onCall(Role role, LlmReply reply, Usage total) {
        if (reply.cached() && !reply.replayed()) {
            db.call(c -> {
                UsageRows.addCached(c, runId, role);
                return null;
            });
        }
    }

    /**
     * The search returned: the run is {@code finished}, or {@code stopped} when it was interrupted. Records
     * the result's initial and best candidate, elapsed time, final test and usage, so
     * {@link SqliteStore#recorded(String)} can read the whole run back.
     */
    @Override
    public void finished(OptimizationResult result) {
        Double best = result.validationScore(result.best().id()).filter(ScoredCandidate::hasScore)
                .map(ScoredCandidate::score).orElse(null);
        log.finish(runId, RunStatus.of(result.stopReason()), result.stopReason(),
                best != null ? best : bestScore(), result.usage(), result, null, clock.instant());
    }

    /** The user stopped the run before the search could return (e.g. a shutdown hook): what is stored stays. */
    @Override
    public void stopped() {
        log.finish(runId, RunStatus.STOPPED, StopReason.INTERRUPTED, bestScore(), null, null, null, clock.instant());
    }

    /** The run ended on an error; resuming it answers what was paid for from the store. */
    @Override
    public void failed(Throwable error) {
        String message = String.valueOf(error.getMessage()).lines().findFirst().orElse("");
        log.finish(runId, RunStatus.FAILED, null, bestScore(), null, null,
                error.getClass().getSimpleName() + ": " + message, clock.instant());
    }

    /** Best validation score recorded by this attempt, or {@code null}. */
    public synchronized Double bestScore() {
        return bestScore;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }
}
