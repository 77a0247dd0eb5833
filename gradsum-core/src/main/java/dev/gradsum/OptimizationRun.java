package dev.gradsum;

import dev.gradsum.model.Role;
import dev.gradsum.recording.RunDescription;
import dev.gradsum.recording.RunRecording;
import dev.gradsum.recording.SearchSettings;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.store.SqliteStore;
import dev.langchain4j.model.chat.ChatModel;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One optimize run recorded in a {@link SqliteStore}: started by {@link GradSum#startRun()} or continued
 * by {@link GradSum#resumeRun(String)}. Its id is known before the search starts (to print, or to name an
 * output folder); {@link #optimize()} then runs the search once, with every paid call counted for this
 * run as its reply is stored, every answered call of an earlier attempt replayed from the store for free,
 * and the budget counting what earlier attempts spent. How it ended is recorded: finished (or stopped,
 * when interrupted), or failed with the error. A run whose process dies is found {@code interrupted}.
 */
public final class OptimizationRun {
    private final GradSum.Settings settings;
    private final SqliteStore store;
    private final RunRecording recorder;
    private boolean described;
    private boolean ran;

    OptimizationRun(GradSum.Settings settings, SqliteStore store, RunRecording recorder) {
        this.settings = settings;
        this.store = store;
        this.recorder = recorder;
    }

    /** The run's id in the store. */
    public String id() {
        return recorder.runId();
    }

    /** 1 for a new run, one more for each resume. */
    public int attempt() {
        return recorder.attempt();
    }

    /**
     * Records what the run was asked to do, as reports show it. Optional: without it {@link #optimize()}
     * records a description made from the settings (models by provider and model name).
     */
    public OptimizationRun describe(RunDescription description) {
        recorder.describe(description);
        described = true;
        return this;
    }

    /**
     * Runs the search and the final test as {@link GradSum#optimize()} does, recorded as this run. A
     * failure is recorded (the run is then {@code failed}; resuming it replays what was paid for) and
     * rethrown.
     *
     * @throws IllegalStateException when this run already ran
     */
    public synchronized OptimizationResult optimize() {
        if (ran) {
            throw new IllegalStateException("run " + id() + " already ran; resume it with GradSum.resumeRun(id)");
        }
        ran = true;
        if (!described) {
            describe(defaultDescription(settings));
        }
        GradSum.Settings wired = settings.recordedBy(recorder, store.spentByRole(id()));
        java.time.Duration earlier = store.earlierAttempts(id());
        OptimizationResult result;
        try {
            OptimizationResult attempt = GradSum.run(wired);
            // elapsed covers every attempt, as an uninterrupted run's does
            result = new OptimizationResult(attempt.initial(), attempt.best(), attempt.test(), attempt.iterations(),
                    attempt.candidates(), attempt.stopReason(), attempt.usage(), attempt.total(),
                    attempt.elapsed().plus(earlier));
        } catch (RuntimeException | Error e) {
            recorder.failed(e);
            throw e;
        }
        recorder.finished(result);
        return result;
    }

    /** Marks the run stopped by the user while its search could not return (e.g. at process shutdown). */
    public void stopped() {
        recorder.stopped();
    }

    /** Marks the run failed with {@code error}, for a failure the caller found after the search returned. */
    public void failed(Throwable error) {
        recorder.failed(error);
    }

    /** What the settings say of the run: the task in words, each role's provider and model, search and budget. */
    static RunDescription defaultDescription(GradSum.Settings s) {
        Map<Role, RunDescription.Model> models = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            models.put(role, model(s.models().model(role)));
        }
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("split", "train " + s.split().train().size() + ", validation " + s.split().validation().size()
                + ", test " + s.split().test().size());
        shown.put("evaluation", s.task().metric() != null ? s.task().metric().name() + " metric" : "LLM judge");
        return new RunDescription(s.task().description(), null, null, models, SearchSettings.of(s.options()),
                s.calls().budget(), shown);
    }

    private static RunDescription.Model model(ChatModel model) {
        String provider = String.valueOf(model.provider()).toLowerCase(Locale.ROOT);
        String name = model.defaultRequestParameters() == null ? null : model.defaultRequestParameters().modelName();
        return new RunDescription.Model(provider, name != null ? name : model.getClass().getSimpleName());
    }
}
