package dev.gradsum.data;

import dev.gradsum.exception.ConfigurationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns rows read from a file into {@link Example}s: the id is the row's {@code id} field when it has
 * one, else its 1-based row number; a repeated id is an error naming both lines.
 */
final class RowCollector {
    static final String ID_FIELD = "id";

    private final DataFile file;
    private final List<Example> examples = new ArrayList<>();
    private final List<Integer> lines = new ArrayList<>();
    private final Map<String, Integer> lineOfId = new HashMap<>();

    RowCollector(DataFile file) {
        this.file = file;
    }

    void add(int line, Map<String, String> fields) {
        String id = fields.get(ID_FIELD);
        if (id == null) {
            id = Integer.toString(examples.size() + 1);
        } else if (id.isBlank()) {
            throw file.at(line, "field \"id\" is empty; give every row a unique id or drop the field");
        }
        Integer earlier = lineOfId.putIfAbsent(id, line);
        if (earlier != null) {
            throw file.at(line, "duplicate id \"" + id + "\" (also on line " + earlier + ")");
        }
        examples.add(new Example(id, fields));
        lines.add(line);
    }

    Dataset finish() {
        if (examples.isEmpty()) {
            throw file.whole("no rows");
        }
        return new Dataset(file.label(), examples, lines.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Checks ids of rows built in code; the message names the dataset and both row numbers. */
    static void requireUniqueIds(String name, List<Example> examples) {
        Map<String, Integer> rowOfId = new HashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            Integer earlier = rowOfId.putIfAbsent(examples.get(i).id(), i + 1);
            if (earlier != null) {
                throw new ConfigurationException(name + ": duplicate id \"" + examples.get(i).id()
                        + "\" (rows " + earlier + " and " + (i + 1) + ")");
            }
        }
    }
}
