package dev.gradsum;

import dev.gradsum.data.Dataset;
import dev.gradsum.data.Example;
import dev.gradsum.data.Split;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.search.SearchOptions;
import dev.gradsum.task.Task;
import java.util.List;

/**
 * Cuts the split from a dataset and checks, before any model is called, that the rows fit
 * the task: every placeholder of the prompt and the judge's expected field are fields of every row.
 */
final class SplitCheck {
    private SplitCheck() {
    }

    /** {@code sizes} as given, or the default sizes ({@link Split.Sizes#defaults}). */
    static Split cut(Dataset dataset, Split.Sizes sizes, long seed) {
        return Split.of(dataset, sizes != null ? sizes : Split.Sizes.defaults(dataset.size()), seed);
    }

    static void check(Task task, Split split, SearchOptions options, String source) {
        if (options.iterations() > 0 && (split.train().isEmpty() || split.validation().isEmpty())) {
            throw new ConfigurationException(source + ": the split has " + split.train().size() + " training and "
                    + split.validation().size() + " validation rows; the search needs at least one of each");
        }
        for (List<Example> rows : List.of(split.train(), split.validation(), split.test())) {
            for (Example row : rows) {
                for (String name : task.prompt().placeholders()) {
                    requireField(row, name, "the prompt's placeholder {" + name + "}", source);
                }
                if (task.criteria() != null && task.criteria().expectedField() != null) {
                    requireField(row, task.criteria().expectedField(), "the expected answer", source);
                }
            }
        }
    }

    private static void requireField(Example row, String field, String what, String source) {
        if (row.get(field) == null) {
            throw new ConfigurationException(source + ": row " + row.id() + ": no field \"" + field + "\" for " + what
                    + " (fields: " + String.join(", ", row.fields().keySet()) + ")");
        }
    }
}
