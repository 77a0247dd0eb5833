package dev.gradsum.cli.taskfile;

import dev.gradsum.cli.provider.ModelSpec;
import dev.gradsum.model.Role;
import dev.gradsum.search.SearchOptions;
import java.nio.file.Path;
import java.util.Map;

/**
 * A task file as written by the user, checked for syntax, keys and types but not yet against its data
 * (see {@link TaskFileReader} for the schema and {@code TaskSetup} for the checks that read the data).
 * Optional values are {@code null} when absent.
 *
 * @param file       the task file
 * @param label      how messages name the file (as the user gave it)
 * @param prompt     the initial prompt's text (inline, or read from {@code prompt_file}); a chat prompt
 *                   ({@code prompt: {system, user}}, {@code messages:}, {@code optimize:}, {@code data.history})
 *                   in its JSON form, read by {@code PromptTemplate.parse}
 * @param promptKey  {@code prompt}, {@code prompt_file} or {@code messages}: where the prompt came from, for messages
 * @param models     task-file role key (target, judge, optimizer, gradient, summarizer, editor) → model
 * @param store      the store file, resolved against the task file's folder, or {@code null}
 * @param output     the runs folder as written, or {@code null}
 * @param pricing    model name → USD per million tokens, overriding the defaults
 */
public record TaskFile(Path file, String label, String name, String description, String prompt, String promptKey,
                       Data data, Evaluation evaluation, Map<String, ModelSpec> models, Search search,
                       Budget budget, Path store, String output, Map<String, Price> pricing) {
    public TaskFile {
        models = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(models));
        pricing = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(pricing));
    }

    /** This task file with another data section (e.g. {@code gradsum eval --data FILE}). */
    public TaskFile withData(Data other) {
        return new TaskFile(file, label, name, description, prompt, promptKey, other, evaluation, models, search,
                budget, store, output, pricing);
    }

    /**
     * @param path   the data file, resolved against the task file's folder
     * @param format {@code jsonl}, {@code csv} or {@code json}
     * @param fields placeholder → column in the file (empty when the names already match)
     * @param train  split sizes, {@code null} for the defaults
     */
    public record Data(Path path, String pathAsWritten, String format, Map<String, String> fields,
                       Integer train, Integer validation, Integer test, Long seed) {
        public Data {
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        }

        /** The column holding {@code placeholder}. */
        public String column(String placeholder) {
            return fields.getOrDefault(placeholder, placeholder);
        }
    }

    /**
     * @param metric        exact, numeric, choice, contains or regex; {@code null} when judged by criteria only
     * @param criteria      LLM judge criteria, or {@code null}
     * @param expected      the data field holding the expected answer, or {@code null}
     * @param scale         1 = binary (the paper's), N ≥ 2 = a 1..N rubric
     * @param passThreshold normalised score that passes, or {@code null} for the default
     * @param judgeSamples  times the LLM judge rates each answer ({@code judge_samples}), or {@code null}
     */
    public record Evaluation(String metric, String pattern, String criteria, String expected, int scale,
                             Double passThreshold, Integer judgeSamples) {
    }

    /**
     * Search options; {@code null} means the library default.
     *
     * @param maxErrorRate the share of a role's latest calls that may fail before the run stops
     * @param selection    {@code selection}: beam or pareto
     * @param gate         {@code gate}: whether the minibatch gate is on
     * @param validation   {@code validation}: full or halving
     * @param minConfidence {@code min_confidence}: 0 (off) or the acceptance test's confidence
     * @param stopWhenLearned whether the search stops when nothing is left to learn ({@code stop_when_learned})
     */
    public record Search(Integer beam, Integer iterations, Integer candidates, Integer minibatch, Integer patience,
                         Boolean summarize, Long seed, Integer concurrency, Double maxErrorRate,
                         SearchOptions.Selection selection, Boolean gate, SearchOptions.Validation validation,
                         Double minConfidence, Boolean stopWhenLearned) {
        public static Search empty() {
            return new Search(null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null);
        }
    }

    public record Budget(Double usd, Long calls, Long tokens) {
        public static Budget none() {
            return new Budget(null, null, null);
        }
    }

    /** USD per million input and output tokens. */
    public record Price(double input, double output) {
    }

    /** The folder holding the task file; relative paths in it are resolved from here. */
    public Path folder() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".").toAbsolutePath() : parent;
    }

    /** The model section that plays {@code role}, after the fallbacks ({@link ModelSpec#forRole}). */
    public ModelSpec model(Role role) {
        return ModelSpec.forRole(models, role);
    }

    /** Whether answers are rated by the LLM judge (criteria given and no programmatic metric). */
    public boolean judgedByModel() {
        return evaluation.metric() == null;
    }
}
