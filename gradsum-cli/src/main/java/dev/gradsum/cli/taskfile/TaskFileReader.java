package dev.gradsum.cli.taskfile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gradsum.cli.provider.ModelSpec;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.internal.TextFiles;
import dev.gradsum.search.SearchOptions;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a task file (YAML) strictly: syntax errors with line and column, unknown keys with a
 * did-you-mean, wrong types and bad numbers, each as one line naming the file and the key. The schema
 * is documented in the README ("The task file"); the top-level keys are {@link #TOP_KEYS}.
 */
public final class TaskFileReader {
    static final List<String> TOP_KEYS = List.of("name", "description", "prompt", "prompt_file", "messages",
            "optimize", "data", "evaluation", "models", "search", "budget", "store", "output", "pricing");
    static final List<String> DATA_KEYS = List.of("path", "format", "fields", "split", "seed", "history");
    static final List<String> SPLIT_KEYS = List.of("train", "validation", "test");
    static final List<String> EVALUATION_KEYS = List.of("metric", "pattern", "criteria", "expected", "scale",
            "pass_threshold", "judge_samples");
    public static final List<String> METRICS = List.of("exact", "numeric", "choice", "contains", "regex");
    static final List<String> SEARCH_KEYS = List.of("beam", "iterations", "candidates", "minibatch", "patience",
            "summarize", "seed", "concurrency", "max_error_rate", "selection", "gate", "validation", "min_confidence",
            "stop_when_learned");
    static final List<String> BUDGET_KEYS = List.of("usd", "calls", "tokens");
    static final List<String> FORMATS = List.of("jsonl", "csv", "json");

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private TaskFileReader() {
    }

    /** Reads {@code file}; {@code label} is how messages name it (the path as the user typed it). */
    public static TaskFile read(Path file, String label) {
        return read(file, label, null, null);
    }

    /**
     * Reads {@code file} as {@link #read(Path, String)} does, except that a top-level key {@code extraKey}
     * belonging to another tool (gradsum-bench's {@code bench:}) is taken out before the strict check and
     * handed to {@code extra} (not called when the key is absent). {@code gradsum} itself never passes one.
     */
    public static TaskFile read(Path file, String label, String extraKey,
                                java.util.function.Consumer<JsonNode> extra) {
        String text;
        try {
            text = TextFiles.readUtf8(file);
        } catch (IOException e) {
            int line = e instanceof CharacterCodingException ? TextFiles.lineOfInvalidUtf8(file) : 0;
            throw new ConfigurationException(label + (line > 0 ? ":" + line : "") + ": " + TextFiles.problem(file, e));
        }
        JsonNode root = parse(text, label);
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ConfigurationException(label + ": the file is empty; see examples/ for a task file to start from");
        }
        if (!root.isObject()) {
            throw new ConfigurationException(label + ": expected a map of keys (" + String.join(", ", TOP_KEYS)
                    + "), got " + YamlSection.describe(root));
        }
        if (extraKey != null && root.has(extraKey)) {
            extra.accept(((com.fasterxml.jackson.databind.node.ObjectNode) root).remove(extraKey));
        }
        YamlSection top = new YamlSection(label, "", root).allowOnly(TOP_KEYS);
        Path folder = file.toAbsolutePath().getParent();

        String name = top.has("name") ? top.requiredString("name") : defaultName(folder);
        String description = top.requiredString("description");
        String promptKey;
        String prompt;
        if (top.has("prompt") && top.has("prompt_file")) {
            throw top.error("prompt_file", "give prompt or prompt_file, not both");
        } else if (top.has("messages") && (top.has("prompt") || top.has("prompt_file"))) {
            throw top.error("messages", "give prompt, prompt_file or messages, one of them");
        } else if (top.has("prompt_file")) {
            promptKey = "prompt_file";
            prompt = readPromptFile(top, folder.resolve(top.requiredString("prompt_file")));
        } else if (top.has("messages")) {
            promptKey = "messages";
            prompt = null;
        } else if (top.has("prompt")) {
            promptKey = "prompt";
            prompt = root.get("prompt").isObject() ? null : top.requiredString("prompt");
        } else {
            throw top.error("prompt", "required (give the initial prompt inline, or prompt_file: a file beside the task file)");
        }
        prompt = ChatPromptSection.text(top, promptKey, prompt, root);

        TaskFile.Data data = data(top, folder);
        TaskFile.Evaluation evaluation = evaluation(top);
        Map<String, ModelSpec> models = ModelsSection.read(top);
        TaskFile.Search search = search(top.section("search"));
        TaskFile.Budget budget = budget(top.section("budget"));
        Path store = top.has("store") ? folder.resolve(top.requiredString("store")) : null;
        String output = top.has("output") ? top.requiredString("output") : null;
        Map<String, TaskFile.Price> pricing = pricing(top.section("pricing"));
        return new TaskFile(file, label, name, description, prompt, promptKey, data, evaluation, models, search,
                budget, store, output, pricing);
    }

    private static JsonNode parse(String text, String label) {
        try {
            return YamlTree.read(YAML, text, label);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new ConfigurationException(label + where + ": not valid YAML: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigurationException(label + ": cannot read: " + e.getMessage());
        }
    }

    /** SnakeYAML's problem line, with its context in brackets; location and code snippet lines dropped. */
    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        List<String> kept = new java.util.ArrayList<>();
        List<String> lines = message.strip().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(" in '")) {
                i += 2;
            } else if (!lines.get(i).isBlank()) {
                kept.add(lines.get(i).strip());
            }
        }
        if (kept.isEmpty()) {
            return "syntax error";
        }
        String problem = kept.get(kept.size() - 1).replace("Duplicate field", "duplicate key");
        return kept.size() > 1 ? problem + " (" + kept.get(0) + ")" : problem;
    }

    private static String defaultName(Path folder) {
        Path n = folder == null ? null : folder.getFileName();
        return n == null ? "task" : n.toString();
    }

    private static String readPromptFile(YamlSection top, Path path) {
        try {
            String text = TextFiles.readUtf8(path);
            if (text.isBlank()) {
                throw top.error("prompt_file", "the file is empty: " + path);
            }
            return text;
        } catch (IOException e) {
            int line = e instanceof CharacterCodingException ? TextFiles.lineOfInvalidUtf8(path) : 0;
            throw top.error("prompt_file", TextFiles.problem(path, e) + ": " + path + (line > 0 ? ":" + line : ""));
        }
    }

    private static TaskFile.Data data(YamlSection top, Path folder) {
        YamlSection d = top.section("data");
        if (d == null) {
            throw top.error("data", "required (path: your rows as .jsonl, .csv or .json)");
        }
        d.allowOnly(DATA_KEYS);
        String written = d.requiredString("path");
        Path path = folder.resolve(written);
        if (Files.isDirectory(path)) {
            throw d.error("path", written + " is a directory, not a data file; give the .jsonl, .csv or .json file in it");
        }
        String format = d.string("format");
        if (format != null && !FORMATS.contains(format)) {
            throw d.error("format", "unknown format \"" + format + "\"" + Suggestions.didYouMean(format, FORMATS)
                    + " (known: " + String.join(", ", FORMATS) + ")");
        }
        if (format == null) {
            format = formatOf(written);
            if (format == null) {
                throw d.error("format", "cannot tell the format of \"" + written
                        + "\" from its extension; set data.format to jsonl, csv or json");
            }
        }
        Map<String, String> fields = d.stringMap("fields");
        YamlSection split = d.section("split");
        Integer train = null;
        Integer validation = null;
        Integer test = null;
        if (split != null) {
            split.allowOnly(SPLIT_KEYS);
            train = split.wholeNumber("train", 0); // 0 only for eval: the search needs rows (TaskSetup)
            validation = split.wholeNumber("validation", 0);
            test = split.wholeNumber("test", 0);
        }
        return new TaskFile.Data(path, written, format, fields == null ? Map.of() : fields, train, validation, test,
                d.longNumber("seed", Long.MIN_VALUE));
    }

    static String formatOf(String path) {
        String p = path.toLowerCase(java.util.Locale.ROOT);
        if (p.endsWith(".jsonl") || p.endsWith(".ndjson")) {
            return "jsonl";
        }
        if (p.endsWith(".csv")) {
            return "csv";
        }
        if (p.endsWith(".json")) {
            return "json";
        }
        return null;
    }

    private static TaskFile.Evaluation evaluation(YamlSection top) {
        YamlSection e = top.section("evaluation");
        if (e == null) {
            throw top.error("evaluation", "required (metric: " + String.join(" | ", METRICS)
                    + ", or criteria: for the LLM judge)");
        }
        e.allowOnly(EVALUATION_KEYS);
        String metric = e.string("metric");
        if (metric != null && !METRICS.contains(metric)) {
            throw e.error("metric", "unknown metric \"" + metric + "\"" + Suggestions.didYouMean(metric, METRICS)
                    + " (known: " + String.join(", ", METRICS) + "; or omit it and give criteria)");
        }
        String pattern = e.string("pattern");
        if ("regex".equals(metric) && (pattern == null || pattern.isEmpty())) {
            throw e.error("pattern", "required with metric: regex");
        }
        if (pattern != null && !"regex".equals(metric)) {
            throw e.error("pattern", "only used with metric: regex");
        }
        if (pattern != null) {
            try {
                java.util.regex.Pattern.compile(pattern);
            } catch (java.util.regex.PatternSyntaxException x) {
                throw e.error("pattern", "not a valid regular expression: " + x.getDescription());
            }
        }
        String criteria = e.string("criteria");
        if (criteria != null && criteria.isBlank()) {
            throw e.error("criteria", "must not be empty");
        }
        if (metric == null && criteria == null) {
            throw e.error("give a metric (" + String.join(", ", METRICS) + ") or criteria for the LLM judge");
        }
        String expected = e.string("expected");
        if (metric != null && !"regex".equals(metric) && expected == null) {
            throw e.error("expected", "required with metric: " + metric + " (the data field holding the expected answer)");
        }
        Integer scale = e.wholeNumber("scale", 1);
        Double pass = e.number("pass_threshold", 0, 1, false);
        Integer judgeSamples = e.wholeNumber("judge_samples", 1, SearchOptions.MAX_JUDGE_SAMPLES);
        if (judgeSamples != null && judgeSamples > 1 && metric != null) {
            throw e.error("judge_samples", "only used by the LLM judge (criteria without a metric); metric: " + metric
                    + " gives one score per answer");
        }
        return new TaskFile.Evaluation(metric, pattern, criteria, expected, scale == null ? 1 : scale, pass,
                judgeSamples);
    }

    private static TaskFile.Search search(YamlSection s) {
        if (s == null) {
            return TaskFile.Search.empty();
        }
        s.allowOnly(SEARCH_KEYS);
        return new TaskFile.Search(s.wholeNumber("beam", 1, SearchOptions.MAX_BEAM_SIZE),
                s.wholeNumber("iterations", 0, SearchOptions.MAX_ITERATIONS),
                s.wholeNumber("candidates", 1, SearchOptions.MAX_CANDIDATES_PER_PROMPT),
                s.wholeNumber("minibatch", 1, SearchOptions.MAX_MINIBATCH_SIZE), s.wholeNumber("patience", 1),
                s.bool("summarize"), s.longNumber("seed", Long.MIN_VALUE), s.wholeNumber("concurrency", 1),
                s.number("max_error_rate", 0, 1, false), choice(s, "selection", SearchOptions.Selection.values()),
                gate(s), choice(s, "validation", SearchOptions.Validation.values()), minConfidence(s),
                s.bool("stop_when_learned"));
    }

    /** One of {@code values}, written in lower case ({@code pareto}), or {@code null} when absent. */
    private static <E extends Enum<E>> E choice(YamlSection s, String key, E[] values) {
        String written = s.string(key);
        if (written == null) {
            return null;
        }
        List<String> names = java.util.Arrays.stream(values).map(v -> v.name().toLowerCase(java.util.Locale.ROOT)).toList();
        int at = names.indexOf(written.strip().toLowerCase(java.util.Locale.ROOT));
        if (at < 0) {
            throw s.error(key, "unknown value \"" + written + "\"" + Suggestions.didYouMean(written, names)
                    + " (known: " + String.join(", ", names) + ")");
        }
        return values[at];
    }

    /** {@code gate: minibatch} (or true) turns the minibatch gate on; {@code none} (or false) leaves it off. */
    private static Boolean gate(YamlSection s) {
        String written = s.string("gate");
        if (written == null) {
            return null;
        }
        return switch (written.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "minibatch", "true" -> true;
            case "none", "false" -> false;
            default -> throw s.error("gate", "unknown value \"" + written + "\" (known: minibatch, none; or true, false)");
        };
    }

    private static Double minConfidence(YamlSection s) {
        Double d = s.number("min_confidence", 0, 1, false);
        if (d != null) {
            try {
                SearchOptions.builder().minConfidence(d);
            } catch (ConfigurationException x) {
                throw s.error("min_confidence", "must be 0 (off) or between 0.5 and 1 (exclusive), got " + d);
            }
        }
        return d;
    }

    private static TaskFile.Budget budget(YamlSection s) {
        if (s == null) {
            return TaskFile.Budget.none();
        }
        s.allowOnly(BUDGET_KEYS);
        return new TaskFile.Budget(s.number("usd", 0, Double.MAX_VALUE, false), s.longNumber("calls", 0),
                s.longNumber("tokens", 0));
    }

    private static Map<String, TaskFile.Price> pricing(YamlSection s) {
        Map<String, TaskFile.Price> prices = new LinkedHashMap<>();
        if (s == null) {
            return prices;
        }
        for (String model : s.keys()) {
            YamlSection p = s.section(model);
            if (p == null) {
                throw s.error(model, "expected {input: USD per million tokens, output: USD per million tokens}");
            }
            p.allowOnly(List.of("input", "output"));
            Double in = p.number("input", 0, Double.MAX_VALUE, false);
            Double out = p.number("output", 0, Double.MAX_VALUE, false);
            if (in == null || out == null) {
                throw p.error(in == null ? "input" : "output", "required (USD per million tokens)");
            }
            prices.put(model, new TaskFile.Price(in, out));
        }
        return prices;
    }
}
