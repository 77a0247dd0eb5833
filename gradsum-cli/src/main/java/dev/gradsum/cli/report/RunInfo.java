package dev.gradsum.cli.report;

import dev.gradsum.model.Budget;
import dev.gradsum.model.Role;
import dev.gradsum.recording.RecordedRun;
import dev.gradsum.recording.RunDescription;
import dev.gradsum.recording.SearchSettings;
import dev.gradsum.search.SearchOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a run was asked to do, as the run folder records it next to the {@code OptimizationResult}:
 * which task, which models played each role, with which options. Holds model names only, never API
 * keys or base URLs (a base URL may carry a key in its query string). A stored run's info is the
 * store's {@link RunDescription} plus its id, task and start ({@link #of(RecordedRun)}).
 *
 * @param runId           the run's id (also the run folder's name by default)
 * @param taskName        the task's name
 * @param taskDescription the task in words, as given to the optimizer models
 * @param taskFile        the task file the run was started from, or {@code null} (library use)
 * @param models          the model of each role after fallbacks; roles absent here are shown as unknown
 * @param search          the beam search settings
 * @param budget          the spending limits ({@code null} means unlimited)
 * @param settings        further options worth recording (split sizes, metric, concurrency...), in
 *                        display order; values are plain text
 * @param started         when the run started
 */
public record RunInfo(String runId, String taskName, String taskDescription, Path taskFile,
                      Map<Role, RunDescription.Model> models, SearchSettings search, Budget budget,
                      Map<String, String> settings, Instant started) {

    public RunInfo {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(taskName, "taskName");
        taskDescription = taskDescription == null ? "" : taskDescription;
        Objects.requireNonNull(search, "search");
        budget = budget == null ? Budget.unlimited() : budget;
        Objects.requireNonNull(started, "started");
        EnumMap<Role, RunDescription.Model> byRole = new EnumMap<>(Role.class);
        if (models != null) byRole.putAll(models);
        models = Collections.unmodifiableMap(byRole);
        settings = settings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** As the canonical constructor, with the search settings read from {@code options}. */
    public RunInfo(String runId, String taskName, String taskDescription, Path taskFile, Map<Role, RunDescription.Model> models,
                   SearchOptions options, Budget budget, Map<String, String> settings, Instant started) {
        this(runId, taskName, taskDescription, taskFile, models, SearchSettings.of(options), budget, settings, started);
    }

    /** The info of a run read back from the store. */
    public static RunInfo of(RecordedRun run) {
        RunDescription d = run.description();
        return new RunInfo(run.runId(), run.task(), d.taskDescription(), d.taskFile() == null ? null : Path.of(d.taskFile()),
                d.models(), d.search(), d.budget(), d.settings(), run.started());
    }

    /** What the store records of this info when the run starts; {@code runFolder} is where its outputs go. */
    public RunDescription description(Path runFolder) {
        return new RunDescription(taskDescription, taskFile == null ? null : taskFile.toString(),
                runFolder == null ? null : runFolder.toAbsolutePath().toString(), models, search, budget, settings);
    }

    /** True when any role is played by the simulated world (reports then say so prominently). */
    public boolean simulated() {
        return models.values().stream().anyMatch(m -> m.provider().equalsIgnoreCase("simulated"));
    }
}
