package dev.gradsum.task;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Rows to optimize on: read from JSON Lines, CSV (header row) or a JSON array of objects, UTF-8.
 * A bad row is reported as {@code file:line: what is wrong}.
 */
public final class Dataset {
    /** Loads by extension: {@code .jsonl}/{@code .ndjson}, {@code .csv}, {@code .json}. */
    public static Dataset load(Path path) {
        throw new UnsupportedOperationException("todo");
    }

    public static Dataset of(String name, List<Example> examples) {
        throw new UnsupportedOperationException("todo");
    }

    /** Where the rows came from (file name, or the name given to {@link #of}). */
    public String name() {
        throw new UnsupportedOperationException("todo");
    }

    public List<Example> examples() {
        throw new UnsupportedOperationException("todo");
    }

    public int size() {
        throw new UnsupportedOperationException("todo");
    }

    /** Field names of the first row, in order. */
    public Set<String> fields() {
        throw new UnsupportedOperationException("todo");
    }
}
