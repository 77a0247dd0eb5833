package dev.gradsum.cli.report;

import dev.gradsum.recording.SearchSettings;
import dev.gradsum.search.SearchOptions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The search knobs added after the first {@code result.json} (selection, minibatch gate, validation, judge
 * samples, minimum confidence, stop when learned), as {@code result.json}'s {@code config.search} and the
 * HTML report show them: only those away from their default, as the run's configuration names them, so the
 * files of a run at the defaults (or of a run recorded before the knobs existed) read as they did.
 */
final class LaterSearchKnobs {
    private static final SearchSettings DEFAULTS = SearchSettings.of(SearchOptions.defaults());

    private LaterSearchKnobs() {
    }

    /**
     * The knobs of {@code s} that differ from their default, by their {@code result.json} name (snake case)
     * in a fixed order; a choice is its lower-case name ({@code pareto}), the others a Boolean, Integer or Double.
     */
    static Map<String, Object> changed(SearchSettings s) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (s.selection() != DEFAULTS.selection()) out.put("selection", s.selection().name().toLowerCase(Locale.ROOT));
        if (s.minibatchGate() != DEFAULTS.minibatchGate()) out.put("minibatch_gate", s.minibatchGate());
        if (s.validation() != DEFAULTS.validation()) out.put("validation", s.validation().name().toLowerCase(Locale.ROOT));
        if (s.judgeSamples() != DEFAULTS.judgeSamples()) out.put("judge_samples", s.judgeSamples());
        if (Double.compare(s.minConfidence(), DEFAULTS.minConfidence()) != 0) out.put("min_confidence", s.minConfidence());
        if (s.stopWhenLearned() != DEFAULTS.stopWhenLearned()) out.put("stop_when_learned", s.stopWhenLearned());
        return out;
    }
}
