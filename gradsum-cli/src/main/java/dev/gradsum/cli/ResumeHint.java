package dev.gradsum.cli;

import dev.gradsum.store.RunSummary;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a plain rerun of {@code optimize} says about an earlier run of the same configuration that
 * {@code --resume} could continue (which ones is the library's rule, {@link dev.gradsum.GradSum#continuableRuns()}).
 */
final class ResumeHint {
    private ResumeHint() {
    }

    /**
     * @param continuable the runs worth continuing, newest first
     * @param resume      the command that continues the run of a given id
     * @return the note to print about the newest, if any
     */
    static Optional<String> of(List<RunSummary> continuable, Function<String, String> resume) {
        return continuable.stream().findFirst().map(run -> {
            String command = resume.apply(run.id());
            return switch (run.status()) {
                case STOPPED -> "note: run " + run.id() + " of this task was stopped before it finished;"
                        + " continue it instead with: " + command;
                case INTERRUPTED -> "note: run " + run.id() + " of this task was interrupted (its process ended)"
                        + " before it finished; continue it instead with: " + command;
                default -> "note: run " + run.id() + " of this task stopped on its budget; this budget"
                        + " is larger, so it can go on with: " + command;
            };
        });
    }
}
