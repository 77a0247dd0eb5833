package dev.gradsum.recording;

import dev.gradsum.search.SearchOptions;

/**
 * The beam search settings a run used, as plain values (what {@code result.json}'s {@code config.search}
 * shows). Each component is the {@link SearchOptions} knob of that name (see there).
 *
 * @param beam             {@link SearchOptions#beamSize()}
 * @param iterations       {@link SearchOptions#iterations()}
 * @param candidates       {@link SearchOptions#candidatesPerPrompt()}
 * @param minibatch        {@link SearchOptions#minibatchSize()}
 * @param patience         {@link SearchOptions#patience()}
 * @param summarize        {@link SearchOptions#summarize()}
 * @param bootstrapSamples {@link SearchOptions#bootstrapSamples()}
 * @param seed             {@link SearchOptions#seed()}
 * @param selection        {@link SearchOptions#selection()}; {@code null} reads as {@link SearchOptions.Selection#BEAM}
 * @param minibatchGate    {@link SearchOptions#minibatchGate()}
 * @param validation       {@link SearchOptions#validation()}; {@code null} reads as {@link SearchOptions.Validation#FULL}
 * @param judgeSamples     {@link SearchOptions#judgeSamples()}
 * @param minConfidence    {@link SearchOptions#minConfidence()} (0: off)
 * @param stopWhenLearned  {@link SearchOptions#stopWhenLearned()}
 */
public record SearchSettings(int beam, int iterations, int candidates, int minibatch, int patience,
                             boolean summarize, int bootstrapSamples, long seed,
                             SearchOptions.Selection selection, boolean minibatchGate,
                             SearchOptions.Validation validation, int judgeSamples, double minConfidence,
                             boolean stopWhenLearned) {

    /** A {@code null} selection or validation is the paper's ({@code BEAM}, {@code FULL}). */
    public SearchSettings {
        selection = selection == null ? SearchOptions.Selection.BEAM : selection;
        validation = validation == null ? SearchOptions.Validation.FULL : validation;
    }

    /** The settings of {@code options}. */
    public static SearchSettings of(SearchOptions options) {
        return new SearchSettings(options.beamSize(), options.iterations(), options.candidatesPerPrompt(),
                options.minibatchSize(), options.patience(), options.summarize(), options.bootstrapSamples(),
                options.seed(), options.selection(), options.minibatchGate(), options.validation(),
                options.judgeSamples(), options.minConfidence(), options.stopWhenLearned());
    }
}
