package dev.gradsum.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row of a dataset: a stable id and its fields as text, in the order they were read.
 *
 * @param id     unique within its dataset (the row's {@code id} field, or its 1-based line/row number)
 * @param fields field name to value; values are text (numbers and lists are rendered as JSON text)
 */
public record Example(String id, Map<String, String> fields) {
    public Example {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fields, "fields");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The value of {@code field}, or {@code null} when the row has no such field. */
    public String get(String field) {
        return fields.get(field);
    }
}
