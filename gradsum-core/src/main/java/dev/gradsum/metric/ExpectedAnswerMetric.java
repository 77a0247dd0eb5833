package dev.gradsum.metric;

import dev.gradsum.data.Example;
import dev.gradsum.exception.ConfigurationException;

/**
 * A metric comparing the output with the expected answer in one field of the example. A row without
 * that field is an error score naming the field and the fields the row has.
 */
abstract class ExpectedAnswerMetric implements Metric {
    private final String field;
    private final String name;

    ExpectedAnswerMetric(String kind, String field) {
        if (field == null || field.isBlank()) {
            throw new ConfigurationException("metric " + kind + ": name the field holding the expected answer");
        }
        this.field = field;
        this.name = kind + "(" + field + ")";
    }

    final String field() {
        return field;
    }

    /** The field holding the expected answer, shown to the gradient model for failed rows. */
    @Override
    public final String expectedField() {
        return field;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public final Score score(Example example, String output) {
        String expected = example.get(field);
        if (expected == null) {
            return Score.error(name + ": field \"" + field + "\" is missing from example " + example.id()
                    + " (fields: " + String.join(", ", example.fields().keySet()) + ")");
        }
        return compare(expected, output == null ? "" : output);
    }

    /** Rates {@code output} against {@code expected}, the value of the field. */
    abstract Score compare(String expected, String output);

    @Override
    public String toString() {
        return name;
    }
}
