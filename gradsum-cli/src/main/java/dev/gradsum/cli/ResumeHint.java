package dev.gradsum.cli;

import dev.gradsum.model.Budget;
import dev.gradsum.model.Usage;
import dev.gradsum.store.RunStatus;
import dev.gradsum.store.RunSummary;
import dev.gradsum.store.SqliteStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a plain rerun of {@code optimize} says about an earlier run of the same configuration that
 * {@code --resume} could continue: one stopped (Ctrl-C) or interrupted (its process died) before it
 * finished, or one that stopped on its budget when this run's budget is larger and leaves room. A
 * failed run is never offered: what failed it (a refused key, an unknown model) fails a resume too.
 */
final class ResumeHint {
    private ResumeHint() {
    }

    /**
     * @param continuable the store's runs of the same configuration that could go on ({@link dev.gradsum.GradSum#continuableRuns()})
     * @param resume      the command that continues the run of a given id
     * @return the note to print, if some earlier run is worth continuing
     */
    static Optional<String> of(SqliteStore store, List<RunSummary> continuable, Budget budget,
                               Function<String, String> resume) {
        for (RunSummary run : continuable) {
            String command = resume.apply(run.id());
            switch (run.status()) {
                case STOPPED:
                    return Optional.of("note: run " + run.id() + " of this task was stopped before it finished;"
                            + " continue it instead with: " + command);
                case INTERRUPTED:
                    return Optional.of("note: run " + run.id() + " of this task was interrupted (its process ended)"
                            + " before it finished; continue it instead with: " + command);
                case FINISHED:
                    if (larger(budget, store.budget(run.id())) && leavesRoom(budget, store.spent(run.id()))) {
                        return Optional.of("note: run " + run.id() + " of this task stopped on its budget; this budget"
                                + " is larger, so it can go on with: " + command);
                    }
                    break;
                default:
                    break;
            }
        }
        return Optional.empty();
    }

    /** Whether {@code now} loosens some limit of {@code before} ({@code null} is no limit). */
    static boolean larger(Budget now, Budget before) {
        return looser(now.usd(), before.usd()) || looser(now.calls(), before.calls()) || looser(now.tokens(), before.tokens());
    }

    private static <T extends Comparable<T>> boolean looser(T now, T before) {
        return before != null && (now == null || now.compareTo(before) > 0);
    }

    /** Whether a run that already spent {@code spent} may make another call under {@code budget}. */
    static boolean leavesRoom(Budget budget, Usage spent) {
        return (budget.usd() == null || spent.costUsd() < budget.usd())
                && (budget.calls() == null || spent.calls() < budget.calls())
                && (budget.tokens() == null || spent.totalTokens() < budget.tokens());
    }
}
