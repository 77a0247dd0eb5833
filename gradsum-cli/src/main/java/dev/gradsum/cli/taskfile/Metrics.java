package dev.gradsum.cli.taskfile;

import dev.gradsum.metric.Metric;
import dev.gradsum.task.Criteria;

/**
 * The {@code evaluation:} of a task file as library objects: a programmatic {@link Metric}
 * (exact, numeric, choice, contains, regex) and/or {@link Criteria} for the LLM judge.
 */
final class Metrics {
    private Metrics() {
    }

    /** The programmatic metric, or {@code null} when answers are judged by criteria only. */
    static Metric of(TaskFile file, String label) {
        TaskFile.Evaluation e = file.evaluation();
        if (e.metric() == null) {
            return null;
        }
        throw new UnsupportedOperationException("metrics land with branch task");
    }

    /** The judge criteria, or {@code null}. */
    static Criteria criteria(TaskFile file) {
        TaskFile.Evaluation e = file.evaluation();
        if (e.criteria() == null) {
            return null;
        }
        Criteria c = e.scale() == 1 ? Criteria.binary(e.criteria()) : Criteria.scale(e.criteria(), e.scale());
        if (e.expected() != null) {
            c = c.expecting(e.expected());
        }
        return e.passThreshold() == null ? c : c.passingAt(e.passThreshold());
    }
}
