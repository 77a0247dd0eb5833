package dev.gradsum.llm;

import dev.gradsum.data.PromptTemplate.Turn;
import java.util.List;
import java.util.Objects;

/**
 * One request on the {@link Llm} path. The canonical form of this record (plus provider, model name and
 * the model's settings: {@code CacheKey}) is the cache key; the API key and base URL never are. A
 * temperature the model does not take is left out when the request is sent (the command line's models
 * do so for reasoning models), but still tells cache keys apart.
 *
 * @param system      system message, or {@code null} for none
 * @param user        user message
 * @param temperature sampling temperature, or {@code null} for the model's default
 * @param sample      sample index: distinguishes repeated samples of the same sampled request so a
 *                    replay from the cache is deterministic; 0 for greedy calls
 * @param json        whether the caller expects a JSON object back; part of the cache key only, never
 *                    sent as a response format (some providers and compatible servers reject it)
 * @param turns       prior turns sent between the system and the user message (a chat prompt's example
 *                    turns, a row's conversation history); empty for none
 */
public record LlmRequest(String system, String user, Double temperature, int sample, boolean json, List<Turn> turns) {
    public LlmRequest {
        Objects.requireNonNull(user, "user");
        turns = turns == null ? List.of() : List.copyOf(turns);
        if (sample < 0) {
            throw new IllegalArgumentException("sample must be >= 0, was " + sample);
        }
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            throw new IllegalArgumentException("temperature must be in [0, 2], was " + temperature);
        }
    }

    /** A request without prior turns. */
    public LlmRequest(String system, String user, Double temperature, int sample, boolean json) {
        this(system, user, temperature, sample, json, List.of());
    }

    public static LlmRequest user(String user) {
        return new LlmRequest(null, user, null, 0, false);
    }

    public LlmRequest withTurns(List<Turn> turns) {
        return new LlmRequest(system, user, temperature, sample, json, turns);
    }

    public LlmRequest withSystem(String system) {
        return new LlmRequest(system, user, temperature, sample, json, turns);
    }

    public LlmRequest withTemperature(Double temperature) {
        return new LlmRequest(system, user, temperature, sample, json, turns);
    }

    public LlmRequest withSample(int sample) {
        return new LlmRequest(system, user, temperature, sample, json, turns);
    }

    public LlmRequest asJson() {
        return new LlmRequest(system, user, temperature, sample, true, turns);
    }
}
