package dev.gradsum;

import dev.gradsum.search.SearchOptions;
import dev.gradsum.task.Dataset;
import dev.gradsum.task.Example;
import dev.gradsum.task.Split;
import dev.gradsum.task.Task;
import java.util.List;

/**
 * Cuts the default split from a dataset and checks, before any model is called, that the rows fit
 * the task: every placeholder of the prompt and the judge's expected field are fields of every row.
 */
final class SplitCheck {
    static final int TRAIN = 30;
    static final int VALIDATION = 30;
    static final int TEST = 100;

    private SplitCheck() {
    }

    /** {@code sizes} as given, or the defaults capped so they fit (see {@link GradSum.Builder#splitSizes}). */
    static Split cut(Dataset dataset, int[] sizes, long seed) {
        if (sizes != null) {
            return Split.of(dataset, sizes[0], sizes[1], sizes[2], seed);
        }
        int n = dataset.size();
        if (n < 2) {
            throw new ConfigurationException(dataset.name() + ": " + n + " row" + (n == 1 ? "" : "s")
                    + "; gradsum needs at least 2 (one to train on, one to validate)");
        }
        int train = Math.min(TRAIN, Math.max(1, n / 3));
        int validation = Math.min(VALIDATION, Math.max(1, n / 3));
        int test = Math.min(TEST, n - train - validation);
        return Split.of(dataset, train, validation, test, seed);
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
