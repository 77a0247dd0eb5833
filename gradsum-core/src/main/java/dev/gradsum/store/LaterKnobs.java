package dev.gradsum.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.gradsum.recording.SearchSettings;
import dev.gradsum.search.SearchOptions;

/**
 * The search knobs added after the store's {@code search_*} columns (selection, minibatchGate, validation,
 * judgeSamples, minConfidence, stopWhenLearned). The store keeps them only in the run's configuration
 * ({@code config_json}, its {@code options} as Jackson writes {@link SearchOptions}), which leaves a knob out
 * while it is at its default (see {@code RunIdentity}); a knob it does not name reads as its default.
 */
final class LaterKnobs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode DEFAULTS = JSON.valueToTree(SearchOptions.defaults());

    private LaterKnobs() {
    }

    /** The {@code options} of a run's configuration; a missing node when there is none or it cannot be read. */
    static JsonNode options(String configJson) {
        if (configJson == null) return MissingNode.getInstance();
        try {
            return JSON.readTree(configJson).path("options");
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    /**
     * The settings of the first eight knobs as given, and of the knobs added later as {@code options}
     * (SearchOptions fields by name) records them.
     */
    static SearchSettings settings(int beam, int iterations, int candidates, int minibatch, int patience,
                                   boolean summarize, int bootstrapSamples, long seed, JsonNode options) {
        return new SearchSettings(beam, iterations, candidates, minibatch, patience, summarize, bootstrapSamples, seed,
                knob(options, "selection", SearchOptions.Selection.class), knob(options, "minibatchGate", Boolean.class),
                knob(options, "validation", SearchOptions.Validation.class), knob(options, "judgeSamples", Integer.class),
                knob(options, "minConfidence", Double.class), knob(options, "stopWhenLearned", Boolean.class));
    }

    /** The knob {@code name} as {@code options} records it; its default when absent or unreadable as {@code type}. */
    static <T> T knob(JsonNode options, String name, Class<T> type) {
        JsonNode given = options.path(name);
        if (!given.isMissingNode() && !given.isNull()) {
            try {
                return JSON.treeToValue(given, type);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                // a value this gradsum cannot read: the default, as for a knob not named
            }
        }
        try {
            return JSON.treeToValue(DEFAULTS.path(name), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the default of search knob " + name + " cannot be read", e);
        }
    }
}
