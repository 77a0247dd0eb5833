package dev.gradsum.cli.provider;

import dev.gradsum.cli.provider.ModelCapabilities.Capability;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.model.Role;
import dev.gradsum.search.SearchOptions;
import dev.gradsum.simulation.SimulatedWorld;
import dev.langchain4j.model.anthropic.AnthropicBatchChatModel;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicChatRequestParameters;
import dev.gradsum.llm.BatchApi;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.googleai.GeminiThinkingConfig;
import dev.langchain4j.model.googleai.GoogleAiGeminiBatchChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns the {@code models:} of a task file into LangChain4j {@link ChatModel}s, one per role. Models are
 * built with {@code maxRetries(0)} (gradsum's call path retries, honouring Retry-After), logging off,
 * and gradsum's {@link StatusHttpClient}. Keys come from {@link ApiKeys}, never from the file. Each model
 * sends only the parameters {@link ModelCapabilities} allows for it (reasoning models: no temperature,
 * {@code max_completion_tokens}) and drops one its server refuses ({@link ParameterAdaptingChatModel}).
 */
public final class ChatModels {
    /** Used when an OpenAI-compatible server needs no key but the client insists on one. */
    private static final String NO_KEY = "not-needed";
    /** Output tokens of an Anthropic answer when the section sets none, before the editor's prompts. */
    static final int DEFAULT_MAX_TOKENS = 1024;
    /** Output tokens the default limit allows per prompt the editor writes. */
    static final int TOKENS_PER_PROMPT = 1024;

    private ChatModels() {
    }

    /**
     * One model per role of a task file's model sections ({@code models}, by role key). A role answered
     * by the {@code simulated} provider, named or reached by fallback ({@link ModelSpec#forRole}), gets the
     * simulated world's model for that very role, so its judge judges and its summarizer summarizes.
     */
    public static ModelRoles roles(Map<String, ModelSpec> models, ApiKeys keys) {
        return roles(models, keys, SearchOptions.defaults().candidatesPerPrompt(), System.err::println);
    }

    /**
     * As {@link #roles(Map, ApiKeys)}, for an editor writing {@code candidates} prompts per answer, telling
     * {@code notices} when a model's server refuses a parameter and gradsum drops it.
     */
    public static ModelRoles roles(Map<String, ModelSpec> models, ApiKeys keys, int candidates,
                                   Consumer<String> notices) {
        ModelRoles.Builder roles = ModelRoles.builder();
        for (Map.Entry<String, ModelSpec> e : models.entrySet()) {
            ModelSpec spec = e.getValue();
            String role = e.getKey();
            if (spec.provider() == Provider.SIMULATED) {
                continue;
            }
            // the section the editor falls back to writes K prompts per answer
            int prompts = ModelSpec.forRole(models, Role.EDITOR) == spec ? candidates : 0;
            ChatModel model = build(spec, keys.forRole(role), prompts, notices);
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

    /**
     * The batch API of each role whose calls of the batch stages (validation, test, eval) go out as
     * provider batches: the target and the judge, when their section says {@code batch: true}, or, with
     * {@code everyRole} ({@code eval --batch}), whatever their section says. Roles answered by one section
     * share its batch API.
     *
     * @throws dev.gradsum.exception.ConfigurationException with {@code everyRole}, for a role whose provider has
     *                                                      no batch API, naming the model
     */
    public static Map<Role, BatchApi> batchApis(Map<String, ModelSpec> models, ApiKeys keys, int candidates,
                                                boolean everyRole) {
        Map<Role, BatchApi> apis = new java.util.EnumMap<>(Role.class);
        Map<ModelSpec, BatchApi> bySection = new java.util.IdentityHashMap<>();
        for (Role role : List.of(Role.TARGET, Role.JUDGE)) {
            ModelSpec spec = ModelSpec.forRole(models, role);
            if (spec.batch() == null && !everyRole) {
                continue;
            }
            if (!spec.provider().hasBatchApi()) {
                if (spec.provider() == Provider.SIMULATED) {
                    continue; // the simulated world answers at once: nothing to batch
                }
                throw new dev.gradsum.exception.ConfigurationException("--batch", "--batch: the " + role.key()
                        + " model " + spec.model() + " (provider " + spec.provider().key() + ") has no batch API in gradsum;"
                        + " batches go to " + String.join(", ", Provider.withBatchApi()), null);
            }
            int prompts = ModelSpec.forRole(models, Role.EDITOR) == spec ? candidates : 0;
            apis.put(role, bySection.computeIfAbsent(spec, s -> batchApi(s, keys.forRole(s.role()), prompts)));
        }
        return apis;
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

    /**
     * Output tokens an Anthropic model may use when its section sets no {@code max_tokens} (the API
     * requires one): {@value #DEFAULT_MAX_TOKENS}, plus {@value #TOKENS_PER_PROMPT} for each of the
     * {@code editorPrompts} whole prompts it writes per answer when it plays the editor.
     */
    static int defaultMaxTokens(int editorPrompts) {
        return DEFAULT_MAX_TOKENS + editorPrompts * TOKENS_PER_PROMPT;
    }

    /**
     * The model of one section, sending only what {@link ModelCapabilities} allows for it and dropping a
     * parameter its server refuses ({@link ParameterAdaptingChatModel}).
     *
     * @param editorPrompts prompts per answer when the section plays the editor (K), else 0: for the default
     *                      output-token limit
     * @param notices       receives the one line told when a refused parameter is dropped
     */
    static ChatModel build(ModelSpec spec, String apiKey, int editorPrompts, Consumer<String> notices) {
        return new ParameterAdaptingChatModel(spec, ModelCapabilities.defaults().of(spec),
                capability -> build(spec, apiKey, capability, editorPrompts), notices);
    }

    /**
     * The batch API of a section with {@code batch: true}, sending what its online model sends (model,
     * temperature, output-token limit, thinking), through the same HTTP client.
     *
     * @throws IllegalArgumentException for a provider without one ({@link Provider#hasBatchApi}; the task-file
     *                                  reader refuses {@code batch: true} there first)
     */
    public static BatchApi batchApi(ModelSpec spec, String apiKey, int editorPrompts) {
        Capability can = ModelCapabilities.defaults().of(spec);
        Double temperature = can.sends("temperature") ? spec.temperature() : null;
        if (spec.provider() == Provider.ANTHROPIC) {
            AnthropicBatchChatModel.Builder b = AnthropicBatchChatModel.builder()
                    .httpClientBuilder(http(spec))
                    .baseUrl(displayUrl(spec))
                    .apiKey(apiKey)
                    .modelName(spec.model())
                    .timeout(spec.timeout())
                    .maxRetries(0)
                    .logRequests(false)
                    .logResponses(false)
                    .temperature(temperature)
                    .maxTokens(anthropicMaxTokens(spec, editorPrompts));
            if (spec.thinkingBudget() != null) {
                b.defaultRequestParameters(AnthropicChatRequestParameters.builder()
                        .thinkingType("enabled").thinkingBudgetTokens(spec.thinkingBudget()).build())
                        .returnThinking(true);
            }
            return new LangChain4jBatches(b.build());
        }
        if (spec.provider() == Provider.GEMINI) {
            GoogleAiGeminiBatchChatModel.Builder b = GoogleAiGeminiBatchChatModel.builder()
                    .httpClientBuilder(http(spec))
                    .baseUrl(displayUrl(spec).replaceAll("/+$", ""))
                    .apiKey(apiKey)
                    .modelName(spec.model())
                    .temperature(temperature)
                    .maxOutputTokens(spec.maxTokens())
                    .timeout(spec.timeout())
                    // no maxRetries on the batch builder: a failed poll is polled again by the queue
                    .logRequestsAndResponses(false);
            if (spec.thinkingBudget() != null) {
                b.thinkingConfig(GeminiThinkingConfig.builder().thinkingBudget(spec.thinkingBudget()).build())
                        .returnThinking(true);
            }
            GoogleAiGeminiBatchChatModel model = b.build();
            return new LangChain4jBatches(model, new GeminiBatchTagging(model,
                    http(spec).readTimeout(spec.timeout()).build(), displayUrl(spec), apiKey));
        }
        if (spec.provider() == Provider.OPENAI) {
            String field = can.maxTokensParameter() != null ? can.maxTokensParameter() : "max_completion_tokens";
            return new OpenAiBatches(http(spec).readTimeout(spec.timeout()).build(), displayUrl(spec), apiKey, spec.model(),
                    can.sends("temperature"), spec.temperature(), spec.maxTokens(), field,
                    can.sends("reasoning_effort") ? spec.reasoningEffort() : null);
        }
        throw new IllegalArgumentException("provider " + spec.provider().key() + " has no batch API in gradsum");
    }

    /** Output tokens of an Anthropic answer: the section's, else the default plus room for thinking. */
    private static int anthropicMaxTokens(ModelSpec spec, int editorPrompts) {
        if (spec.maxTokens() != null) {
            return spec.maxTokens();
        }
        // max_tokens must exceed the budget: thinking counts in it (extended-thinking documentation)
        return defaultMaxTokens(editorPrompts) + (spec.thinkingBudget() == null ? 0 : spec.thinkingBudget());
    }

    private static StatusHttpClientBuilder http(ModelSpec spec) {
        String keyHint = spec.apiKeyEnv() == null ? "whether the server needs an API key (api_key_env)"
                : "the API key in $" + spec.apiKeyEnv();
        return new StatusHttpClientBuilder(spec.label(), displayUrl(spec), keyHint);
    }

    private static ChatModel build(ModelSpec spec, String apiKey, Capability can, int editorPrompts) {
        StatusHttpClientBuilder http = http(spec);
        Double temperature = can.sends("temperature") ? spec.temperature() : null;
        return switch (spec.provider()) {
            case OPENAI, OPENAI_COMPATIBLE, OLLAMA, VLLM -> {
                OpenAiChatModel.OpenAiChatModelBuilder b = OpenAiChatModel.builder()
                        .httpClientBuilder(http)
                        .baseUrl(displayUrl(spec))
                        .apiKey(apiKey != null ? apiKey : NO_KEY)
                        .modelName(spec.model())
                        .temperature(temperature)
                        .timeout(spec.timeout())
                        .maxRetries(0)
                        .returnThinking(true) // reasoning_content (DeepSeek, vLLM's reasoning parser) kept apart from the answer
                        .logRequests(false)
                        .logResponses(false);
                String field = can.maxTokensParameter() != null ? can.maxTokensParameter()
                        : spec.provider() == Provider.OPENAI ? "max_completion_tokens" : "max_tokens";
                if (field.equals("max_completion_tokens")) {
                    b.maxCompletionTokens(spec.maxTokens());
                } else {
                    b.maxTokens(spec.maxTokens());
                }
                if (spec.reasoningEffort() != null && can.sends("reasoning_effort")) {
                    b.reasoningEffort(spec.reasoningEffort());
                }
                yield b.build();
            }
            case ANTHROPIC -> {
                AnthropicChatModel.AnthropicChatModelBuilder b = AnthropicChatModel.builder()
                        .httpClientBuilder(http)
                        .baseUrl(displayUrl(spec))
                        .apiKey(apiKey)
                        .modelName(spec.model())
                        .timeout(spec.timeout())
                        .maxRetries(0)
                        .logRequests(false)
                        .logResponses(false);
                if (spec.thinkingBudget() != null) {
                    // returnThinking: the thinking blocks come back as the reply's reasoning, kept apart from the answer
                    b.thinkingType("enabled").thinkingBudgetTokens(spec.thinkingBudget()).returnThinking(true);
                }
                yield b.temperature(temperature).maxTokens(anthropicMaxTokens(spec, editorPrompts)).build();
            }
            case GEMINI -> {
                GoogleAiGeminiChatModel.GoogleAiGeminiChatModelBuilder b = GoogleAiGeminiChatModel.builder()
                        .httpClientBuilder(http)
                        // the client appends "/models/..." as is: a trailing slash would make "v1beta//models"
                        .baseUrl(displayUrl(spec).replaceAll("/+$", ""))
                        .apiKey(apiKey)
                        .modelName(spec.model())
                        .temperature(temperature)
                        .maxOutputTokens(spec.maxTokens())
                        .timeout(spec.timeout())
                        .maxRetries(0)
                        .logRequestsAndResponses(false);
                if (spec.thinkingBudget() != null) {
                    b.thinkingConfig(GeminiThinkingConfig.builder().thinkingBudget(spec.thinkingBudget()).build())
                            .returnThinking(true); // the thought summaries come back as reasoning, apart from the answer
                }
                yield b.build();
            }
            case SIMULATED -> throw new IllegalArgumentException("simulated models come from SimulatedWorld");
        };
    }
}
