package dev.gradsum.metric;

import dev.gradsum.data.Example;
import java.util.Map;

/** Builds one-row examples for metric tests. */
final class MetricTestRows {
    private MetricTestRows() {
    }

    static Example row(String field, String value) {
        return new Example("1", Map.of("question", "q", field, value));
    }
}
