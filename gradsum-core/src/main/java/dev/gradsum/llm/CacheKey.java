package dev.gradsum.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradsum.internal.Hashing;

/**
 * The call cache key: SHA-256 (hex) of the request in a canonical JSON form with a fixed field order:
 * format version, provider, model, system, user, temperature, sample index, json flag. Credentials and
 * endpoints are not part of it (they are not even known here), so a key never leaks them and a
 * cache moves between machines.
 */
final class CacheKey {
    /** Bump when the canonical form changes, so old entries stop matching. */
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CacheKey() {
    }

    static String of(String provider, String model, LlmRequest request) {
        return Hashing.sha256(canonical(provider, model, request));
    }

    /** The canonical JSON that is hashed. */
    static String canonical(String provider, String model, LlmRequest request) {
        ObjectNode node = JSON.createObjectNode();
        node.put("format", FORMAT);
        node.put("provider", provider);
        node.put("model", model);
        node.put("system", request.system());
        node.put("user", request.user());
        node.put("temperature", request.temperature());
        node.put("sample", request.sample());
        node.put("json", request.json());
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write cache key JSON", e);
        }
    }
}
