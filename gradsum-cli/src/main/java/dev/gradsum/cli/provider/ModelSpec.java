package dev.gradsum.cli.provider;

import dev.gradsum.model.ModelRoles;
import dev.gradsum.model.Role;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * One {@code models.<role>} entry of a task file: which provider and model plays the role, and how to
 * reach it. The API key itself is never held here, only the name of the environment variable.
 *
 * @param role           the task-file key: target, judge, optimizer, gradient, summarizer or editor
 * @param apiKeyEnv      environment variable holding the key, or {@code null} when none is used
 * @param baseUrl        server URL, or {@code null} for the provider's default
 * @param temperature    sampling temperature, or {@code null} for the provider's default
 * @param maxTokens      most output tokens per answer, or {@code null}
 * @param timeout        per-request timeout
 * @param maxConcurrency most requests in flight to this provider, or {@code null} for the search default
 * @param reasoningEffort OpenAI {@code reasoning_effort} (minimal, low, medium, high), or {@code null} to send none
 * @param thinkingBudget thinking tokens per answer (Anthropic extended thinking, Gemini {@code thinkingBudget}),
 *                       or {@code null} for the provider's default
 * @param unsupportedParameters parameters never sent to this model (replaces the {@link ModelCapabilities}
 *                       row), or {@code null} to use the table
 * @param maxTokensParameter the OpenAI field carrying {@code max_tokens} ({@code max_tokens} or
 *                       {@code max_completion_tokens}), or {@code null} to use the table
 * @param batch          how the validation, test and eval calls of this model go out as provider batches
 *                       ({@code batch: true}), or {@code null} when they stay online
 */
public record ModelSpec(String role, Provider provider, String model, String apiKeyEnv, String baseUrl,
                        Double temperature, Integer maxTokens, Duration timeout, Integer maxConcurrency,
                        String reasoningEffort, Integer thinkingBudget, Set<String> unsupportedParameters,
                        String maxTokensParameter, Batch batch) {

    public ModelSpec {
        unsupportedParameters = unsupportedParameters == null ? null : Set.copyOf(unsupportedParameters);
    }

    /** A section whose calls all stay online (no {@code batch: true}). */
    public ModelSpec(String role, Provider provider, String model, String apiKeyEnv, String baseUrl,
                     Double temperature, Integer maxTokens, Duration timeout, Integer maxConcurrency,
                     String reasoningEffort, Integer thinkingBudget, Set<String> unsupportedParameters,
                     String maxTokensParameter) {
        this(role, provider, model, apiKeyEnv, baseUrl, temperature, maxTokens, timeout, maxConcurrency,
                reasoningEffort, thinkingBudget, unsupportedParameters, maxTokensParameter, null);
    }

    /**
     * A model section's batch settings ({@code batch: true}).
     *
     * @param pollInterval   {@code batch_poll_seconds}: how often a running batch is polled
     * @param failedRequests {@code batch_failed_requests}: {@code online} (default) or {@code next_batch}
     */
    public record Batch(Duration pollInterval, dev.gradsum.llm.BatchOptions.FailedRequests failedRequests) {
    }

    /** This section with its calls of the batch stages sent as provider batches ({@code eval --batch}). */
    public ModelSpec batched() {
        return batch != null ? this : new ModelSpec(role, provider, model, apiKeyEnv, baseUrl, temperature, maxTokens,
                timeout, maxConcurrency, reasoningEffort, thinkingBudget, unsupportedParameters, maxTokensParameter,
                new Batch(dev.gradsum.llm.BatchOptions.DEFAULT_POLL_INTERVAL, dev.gradsum.llm.BatchOptions.FailedRequests.ONLINE));
    }

    /** A section without reasoning settings or capability overrides. */
    public ModelSpec(String role, Provider provider, String model, String apiKeyEnv, String baseUrl,
                     Double temperature, Integer maxTokens, Duration timeout, Integer maxConcurrency) {
        this(role, provider, model, apiKeyEnv, baseUrl, temperature, maxTokens, timeout, maxConcurrency,
                null, null, null, null);
    }

    /**
     * The section that plays {@code role} after the library's fallbacks ({@link ModelRoles#resolve}:
     * judge → target; gradient, summarizer, editor → optimizer → target).
     *
     * @param models a task file's model sections by role key (target, judge, optimizer, ...)
     */
    public static ModelSpec forRole(Map<String, ModelSpec> models, Role role) {
        return ModelRoles.resolve(role, r -> models.get(r.key()), models.get("optimizer"));
    }

    /** The base URL actually used: the given one or the provider's default (may be {@code null}). */
    public String effectiveBaseUrl() {
        return baseUrl != null ? baseUrl : provider.defaultBaseUrl();
    }

    /** {@code target model}, {@code judge model}: how messages name this model. */
    public String label() {
        return role + " model";
    }
}
