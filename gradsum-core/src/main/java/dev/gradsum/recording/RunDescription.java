package dev.gradsum.recording;

import dev.gradsum.model.Budget;
import dev.gradsum.model.Role;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a run was asked to do, as the store records it when the run starts (or resumes): the task in
 * words, the models of each role, the search settings, the budget, and further settings worth showing.
 * Holds model names only, never API keys or base URLs.
 *
 * @param taskDescription the task in words, as given to the optimizer models ({@code ""} when none)
 * @param taskFile        the task file the run was started from, or {@code null}
 * @param runFolder       the folder the run's outputs are written to, or {@code null}
 * @param models          the model of each role after fallbacks
 * @param search          the beam search settings
 * @param budget          the spending limits ({@code null} means unlimited)
 * @param settings        further settings (split sizes, metric, concurrency...), in display order, as text
 */
public record RunDescription(String taskDescription, String taskFile, String runFolder, Map<Role, Model> models,
                             SearchSettings search, Budget budget, Map<String, String> settings) {

    /** Provider and model name of one role, e.g. {@code openai} / {@code gpt-4o-mini}. */
    public record Model(String provider, String name) {
        public Model {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(name, "name");
        }

        /** {@code provider/name}. */
        @Override
        public String toString() {
            return provider + "/" + name;
        }
    }

    public RunDescription {
        taskDescription = taskDescription == null ? "" : taskDescription;
        Objects.requireNonNull(search, "search");
        budget = budget == null ? Budget.unlimited() : budget;
        EnumMap<Role, Model> byRole = new EnumMap<>(Role.class);
        if (models != null) byRole.putAll(models);
        models = Collections.unmodifiableMap(byRole);
        settings = settings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }
}
