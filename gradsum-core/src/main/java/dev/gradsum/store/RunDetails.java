package dev.gradsum.store;

import dev.gradsum.model.Usage;
import java.time.Instant;
import java.util.List;

/**
 * What {@code gradsum runs show ID} prints of one stored run.
 *
 * @param summary     the line {@code gradsum runs} prints
 * @param configJson  the configuration the run was started with (a resume reruns exactly this)
 * @param stopReason  why the search stopped ({@code COMPLETED}, {@code BUDGET}, ...), or {@code null} while unfinished
 * @param error       the error that failed the run, or {@code null}
 * @param stage       the last stage begun, e.g. {@code iteration 3: EVALUATE}
 * @param updated     the last time the run wrote anything
 * @param finished    when it finished, or {@code null}
 * @param attempts    1, plus one per resume
 * @param usage       spent over all attempts
 * @param bestId      the best candidate so far, or {@code null}
 * @param bestPrompt  its prompt text, or {@code null}
 * @param iterations  finished iterations, in order
 * @param candidates  candidates considered
 * @param dropped     editor candidates dropped (placeholders lost, ...)
 * @param hasResult   whether the run's search returned a result ({@code gradsum report ID} can rewrite the run folder)
 */
public record RunDetails(RunSummary summary, String configJson, String stopReason, String error, String stage,
                         Instant updated, Instant finished, int attempts, Usage usage, String bestId,
                         String bestPrompt, List<IterationLine> iterations, int candidates, int dropped,
                         boolean hasResult) {
    public RunDetails {
        iterations = List.copyOf(iterations);
    }

    /** One finished iteration: its best candidate and score, whether it improved, the beam kept. */
    public record IterationLine(int index, String bestId, double bestScore, boolean improved, List<String> beam) {
        public IterationLine {
            beam = List.copyOf(beam);
        }
    }
}
