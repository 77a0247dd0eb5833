package dev.gradsum.cli.taskfile;

import dev.gradsum.data.Dataset;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.data.Split;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.task.Task;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of a task file that need its data, and the library objects it describes: the rows
 * (with {@code data.fields} applied), the initial prompt, the {@link Task} with its metric or judge
 * criteria, and the seeded split. Every problem is one line naming the file and key.
 *
 * @param dataset rows with each placeholder's column copied to a field of the placeholder's name
 */
public record TaskSetup(TaskFile file, Dataset dataset, PromptTemplate prompt, Task task, Split.Sizes sizes,
                        Split split) {

    /** Loads the data and checks the task file against it, for a search (train and validation rows). Makes no model call. */
    public static TaskSetup prepare(TaskFile file) {
        return prepare(file, true);
    }

    /**
     * As {@link #prepare(TaskFile)}, for scoring only ({@code gradsum eval}): a split without train or
     * validation rows is allowed, e.g. {@code {train: 0, validation: 0, test: 256}} to score every row.
     */
    public static TaskSetup prepareToScore(TaskFile file) {
        return prepare(file, false);
    }

    /**
     * Every row of another data file ({@code gradsum eval --data FILE}), read with the task file's
     * {@code data.fields} and checked as its own data is (placeholders of {@code prompt}, the expected
     * field); the format comes from the file's extension.
     *
     * @param written the file as the user typed it, for messages
     */
    public static Dataset otherData(TaskFile file, java.nio.file.Path data, String written, PromptTemplate prompt) {
        String format = TaskFileReader.formatOf(written);
        if (format == null) {
            throw new ConfigurationException("--data: cannot tell the format of \"" + written
                    + "\" from its extension; give a .jsonl, .csv or .json file");
        }
        TaskFile.Data d = file.data();
        TaskFile other = file.withData(new TaskFile.Data(data, written, format, d.fields(), null, null, null, d.seed()));
        Dataset raw = load(other, "--data");
        checkPlaceholders(other, prompt, raw, "--data " + written);
        Dataset dataset = mapFields(other, raw);
        checkExpected(other, raw);
        return dataset;
    }

    private static TaskSetup prepare(TaskFile file, boolean search) {
        PromptTemplate prompt = prompt(file, file.prompt(), file.promptKey());
        Dataset raw = load(file, "data.path");
        checkPlaceholders(file, prompt, raw, file.promptKey());
        Dataset dataset = mapFields(file, raw);
        checkExpected(file, raw);
        Split.Sizes sizes = sizes(file, raw.size(), search);
        long seed = file.data().seed() == null ? 0 : file.data().seed();
        Split split = Split.of(dataset, sizes, seed);
        Task task = Task.builder()
                .name(file.name())
                .description(file.description())
                .prompt(prompt)
                .metric(Metrics.of(file))
                .criteria(Metrics.criteria(file))
                .build();
        return new TaskSetup(file, dataset, prompt, task, sizes, split);
    }

    /** Parses a prompt (the task file's, or one given to {@code gradsum eval --prompt}). */
    public static PromptTemplate prompt(TaskFile file, String text, String key) {
        try {
            return PromptTemplate.parse(text);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(file.label() + ": " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * A prompt given by a flag ({@code --prompt FILE}, {@code --baseline FILE}) for a task whose prompt is
     * {@code task}: a chat prompt's JSON form ({@code best_prompt.json}) as it is; a plain text for a single
     * prompt as it is; a plain text for a chat prompt replaces its one optimized message (as a run's
     * {@code best_prompt.<message>.txt} holds it), the other messages and the history kept, when the text
     * has exactly that message's placeholders. Otherwise (several optimized messages, other placeholders)
     * a ConfigurationException names the flag and the file and asks for the best_prompt.json form.
     *
     * @param where the flag and the file, e.g. {@code --prompt best.txt}
     */
    public static PromptTemplate promptFor(TaskFile file, PromptTemplate task, String text, String where) {
        PromptTemplate given = prompt(file, text, where);
        if (given.isChat() || !task.isChat()) {
            return given;
        }
        List<PromptTemplate.Message> optimized = task.optimized();
        String names = optimized.stream().map(PromptTemplate.Message::name).collect(java.util.stream.Collectors.joining(", "));
        if (optimized.size() != 1) {
            throw new ConfigurationException(where + ": plain text, but the task's chat prompt optimizes " + optimized.size()
                    + " messages (" + names + "); give the best_prompt.json form (the messages) of a run");
        }
        PromptTemplate.Message message = optimized.get(0);
        if (!given.placeholders().equals(message.template().placeholders())) {
            throw new ConfigurationException(where + ": plain text replaces the task's optimized " + message.name()
                    + " message, which has the placeholders " + shown(message.template().placeholders()) + ", but it has "
                    + shown(given.placeholders()) + "; give that message's text or the best_prompt.json form (the messages) of a run");
        }
        return task.withOptimized(Map.of(message.name(), given));
    }

    private static String shown(Set<String> placeholders) {
        return placeholders.isEmpty() ? "none" : placeholders.stream().map(p -> "{" + p + "}")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * Fails unless every placeholder of {@code prompt} has a column in every data row; the message names
     * the first row lacking one by file and line.
     */
    public static void checkPlaceholders(TaskFile file, PromptTemplate prompt, Dataset raw, String key) {
        if (prompt.history() != null) {
            for (int row = 0; row < raw.size(); row++) {
                if (raw.examples().get(row).get(prompt.history()) == null) {
                    throw new ConfigurationException(file.label() + ": data.history: field \"" + prompt.history()
                            + "\" is not in data " + row(file, raw, row) + " (fields: "
                            + String.join(", ", raw.examples().get(row).fields().keySet()) + ")");
                }
            }
        }
        for (String placeholder : prompt.placeholders()) {
            String column = file.data().column(placeholder);
            for (int row = 0; row < raw.size(); row++) {
                Set<String> fields = raw.examples().get(row).fields().keySet();
                if (!fields.contains(column) && !fields.contains(rootField(column))) {
                    String mapped = column.equals(placeholder) ? "" : " (mapped by data.fields to \"" + column + "\")";
                    throw new ConfigurationException(file.label() + ": " + key + ": placeholder {" + placeholder + "}"
                            + mapped + " is not in data " + row(file, raw, row) + " (fields: "
                            + String.join(", ", fields) + ")"
                            + Suggestions.didYouMean(column, fields).replace("; did you mean", "; did you mean the field"));
                }
            }
        }
    }

    /** {@code row 3 at data.jsonl:3}: the row's number and where it is in the file as the task file names it. */
    private static String row(TaskFile file, Dataset raw, int index) {
        int line = raw.line(index);
        return "row " + (index + 1) + (line > 0 ? " at " + file.data().pathAsWritten() + ":" + line : "");
    }

    /** @param key {@code data.path} (named after the task file) or a flag such as {@code --data} */
    private static Dataset load(TaskFile file, String key) {
        TaskFile.Data data = file.data();
        String where = (key.startsWith("--") ? "" : file.label() + ": ") + key + ": ";
        if (Files.isDirectory(data.path())) {
            throw new ConfigurationException(where + data.pathAsWritten()
                    + " is a directory, not a data file");
        }
        if (!Files.exists(data.path())) {
            throw new ConfigurationException(where + "file not found: " + data.path());
        }
        Dataset dataset = switch (data.format()) {
            case "csv" -> Dataset.fromCsv(data.path());
            case "json" -> Dataset.fromJsonArray(data.path());
            default -> Dataset.fromJsonl(data.path());
        };
        if (dataset.size() == 0) {
            throw new ConfigurationException(where + data.pathAsWritten()
                    + " has no rows; add examples to it");
        }
        return dataset;
    }

    private static Dataset mapFields(TaskFile file, Dataset raw) {
        Map<String, String> fields = file.data().fields();
        if (fields.isEmpty()) {
            return raw;
        }
        Set<String> columns = raw.fields();
        for (Map.Entry<String, String> e : fields.entrySet()) {
            String column = columns.contains(e.getValue()) ? e.getValue() : rootField(e.getValue());
            if (!columns.contains(column)) {
                throw new ConfigurationException(file.label() + ": data.fields." + e.getKey() + ": column \"" + column
                        + "\" is not in data row 1 (fields: " + String.join(", ", columns) + ")"
                        + Suggestions.didYouMean(column, columns));
            }
        }
        try {
            return raw.mapFields(new LinkedHashMap<>(fields));
        } catch (ConfigurationException e) {
            throw new ConfigurationException(file.label() + ": data.fields: " + e.getMessage(), e);
        }
    }

    /** The field a field expression such as {@code turns[0]} or {@code choices | lettered} starts from. */
    static String rootField(String column) {
        int end = column.length();
        for (char c : new char[] {'[', '.', '|'}) {
            int at = column.indexOf(c);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return column.substring(0, end).strip();
    }

    private static void checkExpected(TaskFile file, Dataset raw) {
        String expected = file.evaluation().expected();
        if (expected == null) {
            return;
        }
        Set<String> fields = raw.fields();
        if (!fields.contains(expected)) {
            throw new ConfigurationException(file.label() + ": evaluation.expected: field \"" + expected
                    + "\" is not in data row 1 (fields: " + String.join(", ", fields) + ")");
        }
        for (int row = 0; row < raw.size(); row++) {
            if (raw.examples().get(row).get(expected) == null) {
                throw new ConfigurationException(file.label() + ": evaluation.expected: field \"" + expected
                        + "\" is missing in data " + row(file, raw, row));
            }
        }
    }

    /** The sizes {@code data.split} gives, the library's defaults for the others ({@link Split.Sizes#of}). */
    static Split.Sizes sizes(TaskFile file, int rows, boolean search) {
        TaskFile.Data d = file.data();
        Split.Sizes sizes = Split.Sizes.of(rows, d.train(), d.validation(), d.test());
        int train = sizes.train();
        int validation = sizes.validation();
        int test = sizes.test();
        if (sizes.total() > rows) {
            throw new ConfigurationException(file.label() + ": data.split: train " + train + " + validation "
                    + validation + " + test " + test + " = " + sizes.total() + " rows, but "
                    + d.pathAsWritten() + " has " + rows + (rows == 1 ? " row" : " rows"));
        }
        if (search && train < 1) {
            throw new ConfigurationException(file.label() + ": data.split.train: the search needs at least 1 train"
                    + " row (train 0 is for gradsum eval only)");
        }
        if (search && validation < 1) {
            throw new ConfigurationException(file.label() + ": data.split: no rows left for validation; "
                    + d.pathAsWritten() + " has " + rows + (rows == 1 ? " row" : " rows")
                    + " and the search needs at least 1 train and 1 validation row");
        }
        return sizes;
    }
}
