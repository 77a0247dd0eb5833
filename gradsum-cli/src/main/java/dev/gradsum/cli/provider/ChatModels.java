package dev.gradsum.cli.provider;

import dev.gradsum.model.ModelRoles;
import dev.gradsum.model.Role;
import dev.gradsum.simulation.SimulatedWorld;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the {@code models:} of a task file into LangChain4j {@link ChatModel}s, one per role. Models are
 * built with {@code maxRetries(0)} (gradsum's call path retries, honouring Retry-After), logging off,
 * and gradsum's {@link StatusHttpClient}. Keys come from {@link ApiKeys}, never from the file.
 */
public final class ChatModels {
    /** Used when an OpenAI-compatible server needs no key but the client insists on one. */
    private static final String NO_KEY = "not-needed";

    private ChatModels() {
    }

    /**
     * One model per role of a task file's model sections ({@code models}, by role key). A role answered
     * by the {@code simulated} provider, named or reached by fallback ({@link ModelSpec#forRole}), gets the
     * simulated world's model for that very role, so its judge judges and its summarizer summarizes.
     */
    public static ModelRoles roles(Map<String, ModelSpec> models, ApiKeys keys) {
        ModelRoles.Builder roles = ModelRoles.builder();
        for (Map.Entry<String, ModelSpec> e : models.entrySet()) {
            ModelSpec spec = e.getValue();
            String role = e.getKey();
            if (spec.provider() == Provider.SIMULATED) {
                continue;
            }
            ChatModel model = build(spec, keys.forRole(role));
            if (role.equals("optimizer")) {
                roles.optimizer(model);
            } else {
                roles.role(Role.valueOf(role.toUpperCase(Locale.ROOT)), model);
            }
        }
        ModelRoles simulated = null;
        for (Role role : Role.values()) {
            if (ModelSpec.forRole(models, role).provider() == Provider.SIMULATED) {
                simulated = simulated != null ? simulated : SimulatedWorld.create().models();
                roles.role(role, simulated.model(role));
            }
        }
        return roles.build();
    }

    /** The URL shown in messages for {@code spec}: its base URL or the provider's public endpoint. */
    public static String displayUrl(ModelSpec spec) {
        String url = spec.effectiveBaseUrl();
        if (url != null) {
            return url;
        }
        return switch (spec.provider()) {
            case ANTHROPIC -> "https://api.anthropic.com/v1";
            case GEMINI -> "https://generativelanguage.googleapis.com/v1beta";
            default -> "https://api.openai.com/v1";
        };
    }

    static ChatModel build(ModelSpec spec, String apiKey) {
        String keyHint = spec.apiKeyEnv() == null ? "whether the server needs an API key (api_key_env)"
                : "the API key in $" + spec.apiKeyEnv();
        StatusHttpClientBuilder http = new StatusHttpClientBuilder(spec.label(), displayUrl(spec), keyHint);
        return switch (spec.provider()) {
            case OPENAI, OPENAI_COMPATIBLE, OLLAMA, VLLM -> {
                OpenAiChatModel.OpenAiChatModelBuilder b = OpenAiChatModel.builder()
                        .httpClientBuilder(http)
                        .baseUrl(displayUrl(spec))
                        .apiKey(apiKey != null ? apiKey : NO_KEY)
                        .modelName(spec.model())
                        .temperature(spec.temperature())
                        .timeout(spec.timeout())
                        .maxRetries(0)
                        .returnThinking(true) // reasoning_content (DeepSeek, vLLM's reasoning parser) kept apart from the answer
                        .logRequests(false)
                        .logResponses(false);
                if (spec.provider() == Provider.OPENAI) {
                    b.maxCompletionTokens(spec.maxTokens());
                } else {
                    b.maxTokens(spec.maxTokens());
                }
                yield b.build();
            }
            case ANTHROPIC -> AnthropicChatModel.builder()
                    .httpClientBuilder(http)
                    .baseUrl(displayUrl(spec))
                    .apiKey(apiKey)
                    .modelName(spec.model())
                    .temperature(spec.temperature())
                    .maxTokens(spec.maxTokens() != null ? spec.maxTokens() : 1024)
                    .timeout(spec.timeout())
                    .maxRetries(0)
                    .logRequests(false)
                    .logResponses(false)
                    .build();
            case GEMINI -> GoogleAiGeminiChatModel.builder()
                    .httpClientBuilder(http)
                    // the client appends "/models/..." as is: a trailing slash would make "v1beta//models"
                    .baseUrl(displayUrl(spec).replaceAll("/+$", ""))
                    .apiKey(apiKey)
                    .modelName(spec.model())
                    .temperature(spec.temperature())
                    .maxOutputTokens(spec.maxTokens())
                    .timeout(spec.timeout())
                    .maxRetries(0)
                    .logRequestsAndResponses(false)
                    .build();
            case SIMULATED -> throw new IllegalArgumentException("simulated models come from SimulatedWorld");
        };
    }
}
