package dev.gradsum.llm;

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
 */
public record LlmRequest(String system, String user, Double temperature, int sample, boolean json) {
    public LlmRequest {
        Objects.requireNonNull(user, "user");
        if (sample < 0) {
            throw new IllegalArgumentException("sample must be >= 0, was " + sample);
        }
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            throw new IllegalArgumentException("temperature must be in [0, 2], was " + temperature);
        }
    }

    public static LlmRequest user(String user) {
        return new LlmRequest(null, user, null, 0, false);
    }

    public LlmRequest withSystem(String system) {
        return new LlmRequest(system, user, temperature, sample, json);
    }

    public LlmRequest withTemperature(Double temperature) {
        return new LlmRequest(system, user, temperature, sample, json);
    }

    public LlmRequest withSample(int sample) {
        return new LlmRequest(system, user, temperature, sample, json);
    }

    public LlmRequest asJson() {
        return new LlmRequest(system, user, temperature, sample, true);
    }
}
