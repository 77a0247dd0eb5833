package dev.gradsum.llm;

/**
 * A {@link dev.langchain4j.model.chat.ChatModel} with settings that change its answers but that its
 * {@code defaultRequestParameters()} do not show (a thinking budget set on the builder, parameters left
 * out for a reasoning model). The cache key ({@code CacheKey}) adds them to the key, so an answer is never replayed
 * under other settings.
 */
public interface ModelSettings {
    /** The settings in a stable text form: equal text for equal settings. */
    String settings();
}
