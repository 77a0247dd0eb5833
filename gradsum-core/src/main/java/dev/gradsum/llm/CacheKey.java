package dev.gradsum.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradsum.internal.Hashing;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;

/**
 * The call cache key: SHA-256 (hex) of the request in a canonical JSON form with a fixed field order:
 * format version, provider, model, system, user, temperature, sample index, json flag, the prior turns
 * (only when the request has any, so a request without them keeps the key it always had), then the model's
 * own settings: its default request parameters (temperature, top_p, top_k, max output tokens, penalties,
 * stop sequences, response format, and any provider-specific ones such as OpenAI's
 * {@code reasoning_effort} or {@code max_completion_tokens}) and {@link ModelSettings} when the model has
 * them (a thinking budget). So raising a model section's {@code max_tokens} or changing its temperature
 * misses the cache. Credentials and endpoints are not part of it (they are not even known here), so a
 * key never leaks them and a cache moves between machines.
 */
final class CacheKey {
    /**
     * Bump when the canonical form changes, so old entries stop matching. 2: the model's settings
     * joined the key (entries of format 1 were keyed without them and are never replayed).
     */
    static final int FORMAT = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CacheKey() {
    }

    static String of(String provider, String model, ChatModel chatModel, LlmRequest request) {
        return Hashing.sha256(canonical(provider, model, chatModel, request));
    }

    /** The canonical JSON that is hashed. */
    static String canonical(String provider, String model, ChatModel chatModel, LlmRequest request) {
        ObjectNode node = JSON.createObjectNode();
        node.put("format", FORMAT);
        node.put("provider", provider);
        node.put("model", model);
        node.put("system", request.system());
        node.put("user", request.user());
        node.put("temperature", request.temperature());
        node.put("sample", request.sample());
        node.put("json", request.json());
        if (!request.turns().isEmpty()) {
            ArrayNode turns = node.putArray("turns");
            request.turns().forEach(t -> turns.addObject().put("role", t.role().key()).put("content", t.text()));
        }
        ChatRequestParameters p = chatModel.defaultRequestParameters();
        if (p != null) {
            ObjectNode d = node.putObject("defaults");
            d.put("temperature", p.temperature());
            d.put("top_p", p.topP());
            d.put("top_k", p.topK());
            d.put("max_output_tokens", p.maxOutputTokens());
            d.put("frequency_penalty", p.frequencyPenalty());
            d.put("presence_penalty", p.presencePenalty());
            d.put("stop", p.stopSequences() == null ? null : String.join("\u0000", p.stopSequences()));
            d.put("response_format", p.responseFormat() == null ? null : p.responseFormat().toString());
            String text = p.toString();
            boolean identityOnly = text.equals(p.getClass().getName() + "@" + Integer.toHexString(p.hashCode()));
            if (p.getClass() != DefaultChatRequestParameters.class && !identityOnly) {
                // provider-specific fields (reasoning_effort, max_completion_tokens, thinking): their text form
                // (LangChain4j's parameter classes print every field; an Object.toString would differ per process)
                d.put("provider_parameters", text);
            }
        }
        if (chatModel instanceof ModelSettings s) {
            node.put("settings", s.settings());
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write cache key JSON", e);
        }
    }
}
