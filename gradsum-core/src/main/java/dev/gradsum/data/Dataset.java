package dev.gradsum.data;

import dev.gradsum.exception.ConfigurationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Rows to optimize on: read from JSON Lines, CSV (header row) or a JSON array of objects, UTF-8.
 * A bad row is reported as {@code file:line: what is wrong}.
 *
 * <p>Every row becomes an {@link Example} whose fields are text: strings as they are, numbers and
 * booleans as their JSON text, arrays and objects as compact JSON; a JSON {@code null} leaves the field
 * out. The example id is the row's {@code id} field, or else its 1-based row number; ids must be unique.
 * A UTF-8 byte-order mark at the start of a file is ignored. Files are read as a stream, so large
 * datasets (100,000 rows) load in one pass. Immutable.
 */
public final class Dataset {
    private final String name;
    private final List<Example> examples;
    /** 1-based line each row starts on in its file, or {@code null} for rows built in code. */
    private final int[] lines;

    Dataset(String name, List<Example> examples, int[] lines) {
        this.name = Objects.requireNonNull(name, "name");
        this.examples = List.copyOf(examples);
        this.lines = lines == null ? null : lines.clone();
    }

    /**
     * Loads by extension: {@code .jsonl}/{@code .ndjson}, {@code .csv}, {@code .json}. Any other
     * extension is a ConfigurationException listing the formats.
     */
    public static Dataset load(Path path) {
        Objects.requireNonNull(path, "path");
        if (java.nio.file.Files.isDirectory(path)) {
            throw new ConfigurationException(path + ": is a directory, not a data file");
        }
        String file = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        String lower = file.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
            return fromJsonl(path);
        }
        if (lower.endsWith(".csv")) {
            return fromCsv(path);
        }
        if (lower.endsWith(".json")) {
            return fromJsonArray(path);
        }
        int dot = file.lastIndexOf('.');
        String extension = dot < 0 ? "no extension" : "unknown extension \"" + file.substring(dot) + "\"";
        throw new ConfigurationException(path + ": " + extension + "; data files are .jsonl or .ndjson "
                + "(JSON Lines), .csv (with a header row) or .json (an array of objects)");
    }

    /** Reads JSON Lines: one object per line; blank lines are skipped. */
    public static Dataset fromJsonl(Path path) {
        return JsonRows.readLines(new DataFile(path));
    }

    /** Reads CSV whose first row names the columns; every row must have that many columns. */
    public static Dataset fromCsv(Path path) {
        return CsvRows.read(new DataFile(path));
    }

    /** Reads a JSON array whose elements are all objects. */
    public static Dataset fromJsonArray(Path path) {
        return JsonRows.readArray(new DataFile(path));
    }

    /** A dataset built in code; ids must be unique. */
    public static Dataset of(String name, List<Example> examples) {
        Objects.requireNonNull(examples, "examples");
        RowCollector.requireUniqueIds(name, examples);
        return new Dataset(name, examples, null);
    }

    /** Where the rows came from (file name, or the name given to {@link #of}). */
    public String name() {
        return name;
    }

    public List<Example> examples() {
        return examples;
    }

    /**
     * The 1-based line of its file that row {@code index} (0-based) starts on, for messages that name
     * {@code file:line}; 0 for rows built in code ({@link #of}).
     */
    public int line(int index) {
        return lines == null ? 0 : lines[index];
    }

    public int size() {
        return examples.size();
    }

    /** Field names of the first row, in order. */
    public Set<String> fields() {
        if (examples.isEmpty()) {
            return Set.of();
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(examples.get(0).fields().keySet()));
    }

    /**
     * Maps the names a task uses (e.g. the prompt's placeholders) to the data's columns: each row gets
     * a field named after each key of {@code nameToColumn}, holding the value of that column, in the
     * mapping's order, followed by the row's other fields unchanged. Ids stay as they are. A row lacking
     * a mapped column is a ConfigurationException naming the column and the row's fields.
     *
     * <p>A column that is not a field name of the row may be a field expression picking and rendering
     * part of a list or object field as readable text: {@code turns[0]}, {@code choices | lettered}
     * ({@code A. …} lines), {@code context | paragraphs}; see {@link FieldExpression} for the syntax.
     */
    public Dataset mapFields(Map<String, String> nameToColumn) {
        Objects.requireNonNull(nameToColumn, "nameToColumn");
        Map<String, FieldExpression> expressions = new LinkedHashMap<>();
        for (String column : nameToColumn.values()) {
            if (FieldExpression.isExpression(column) && !fields().contains(column)) {
                expressions.put(column, FieldExpression.parse(column));
            }
        }
        List<Example> mapped = new ArrayList<>(examples.size());
        for (int row = 0; row < examples.size(); row++) {
            Example example = examples.get(row);
            Map<String, String> fields = new LinkedHashMap<>();
            for (Map.Entry<String, String> entry : nameToColumn.entrySet()) {
                FieldExpression expression = expressions.get(entry.getValue());
                String value = expression != null && example.get(entry.getValue()) == null
                        ? expression.apply(example.fields())
                        : example.get(entry.getValue());
                if (value == null) {
                    throw new ConfigurationException((line(row) > 0 ? name + ":" + line(row) : name) + ": field mapping " + entry.getKey() + " -> "
                            + entry.getValue() + ": row " + example.id() + (expression == null
                                    ? " has no column \"" + entry.getValue() + "\""
                                    : " has no value there") + " (fields: " + String.join(", ", example.fields().keySet()) + ")");
                }
                fields.put(entry.getKey(), value);
            }
            example.fields().forEach(fields::putIfAbsent);
            mapped.add(new Example(example.id(), fields));
        }
        return new Dataset(name, mapped, lines);
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ", " + examples.size() + " rows]";
    }
}
