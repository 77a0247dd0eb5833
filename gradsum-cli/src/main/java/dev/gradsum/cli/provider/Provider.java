package dev.gradsum.cli.provider;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The model providers a task file may name. Every OpenAI-compatible server (Ollama, vLLM, llama.cpp,
 * LM Studio, DeepSeek, Qwen, ...) goes through LangChain4j's OpenAI client with a base URL.
 */
public enum Provider {
    OPENAI("openai", "OPENAI_API_KEY", true, null, false),
    /** Any server speaking the OpenAI chat-completions API; needs {@code base_url}, key optional. */
    OPENAI_COMPATIBLE("openai-compatible", null, false, null, true),
    /** Ollama's OpenAI-compatible endpoint; no key. */
    OLLAMA("ollama", null, false, "http://localhost:11434/v1", false),
    /** vLLM's OpenAI-compatible server; needs {@code base_url}, key optional. */
    VLLM("vllm", null, false, null, true),
    ANTHROPIC("anthropic", "ANTHROPIC_API_KEY", true, null, false),
    GEMINI("gemini", "GEMINI_API_KEY", true, null, false),
    /** The simulated world's deterministic models: a SIMULATION, no real model is called. */
    SIMULATED("simulated", null, false, null, false);

    private final String key;
    private final String defaultKeyEnv;
    private final boolean needsKey;
    private final String defaultBaseUrl;
    private final boolean needsBaseUrl;

    Provider(String key, String defaultKeyEnv, boolean needsKey, String defaultBaseUrl, boolean needsBaseUrl) {
        this.key = key;
        this.defaultKeyEnv = defaultKeyEnv;
        this.needsKey = needsKey;
        this.defaultBaseUrl = defaultBaseUrl;
        this.needsBaseUrl = needsBaseUrl;
    }

    /** The name used in task files. */
    public String key() {
        return key;
    }

    /** The environment variable read when the task file names none, or {@code null}. */
    public String defaultKeyEnv() {
        return defaultKeyEnv;
    }

    /** Whether a call without an API key cannot work. */
    public boolean needsKey() {
        return needsKey;
    }

    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    public boolean needsBaseUrl() {
        return needsBaseUrl;
    }

    /** Whether it calls a model over HTTP (everything but the simulation). */
    public boolean remote() {
        return this != SIMULATED;
    }

    /**
     * Whether gradsum can send this provider's calls as batches ({@code batch: true}): Anthropic's Message
     * Batches and Gemini's batch mode ({@link LangChain4jBatches}), OpenAI's Batch API ({@link OpenAiBatches}).
     * Servers that only speak OpenAI's chat API (Ollama, vLLM, ...) have none.
     */
    public boolean hasBatchApi() {
        return this == ANTHROPIC || this == OPENAI || this == GEMINI;
    }

    /**
     * The share of the list price this provider's batch API charges ({@link dev.gradsum.model.Pricing#batchShare});
     * 1 for a provider without one.
     */
    public double batchShare() {
        return switch (this) {
            case OPENAI -> dev.gradsum.model.Pricing.batchShare("OPEN_AI");
            case ANTHROPIC -> dev.gradsum.model.Pricing.batchShare("ANTHROPIC");
            case GEMINI -> dev.gradsum.model.Pricing.batchShare("GOOGLE_AI_GEMINI");
            default -> 1;
        };
    }

    /** The task-file names of the providers with a batch API. */
    public static List<String> withBatchApi() {
        return Arrays.stream(values()).filter(Provider::hasBatchApi).map(Provider::key).toList();
    }

    public static Optional<Provider> byKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(Provider::key).toList();
    }
}
