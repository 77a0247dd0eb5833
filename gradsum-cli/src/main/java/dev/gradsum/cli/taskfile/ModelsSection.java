package dev.gradsum.cli.taskfile;

import dev.gradsum.cli.provider.ModelCapabilities;
import dev.gradsum.cli.provider.ModelSpec;
import dev.gradsum.cli.provider.Provider;
import dev.gradsum.llm.CallPath;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code models:} section of a task file: one entry per role (target required), each naming a
 * known provider, a model, and how to reach it. Keys are checked later, by name, in
 * {@link dev.gradsum.cli.provider.ApiKeys}.
 */
final class ModelsSection {
    static final List<String> ROLE_KEYS = List.of("target", "judge", "optimizer", "gradient", "summarizer",
            "editor");
    static final List<String> MODEL_KEYS = List.of("provider", "model", "api_key_env", "base_url", "temperature",
            "max_tokens", "timeout_seconds", "max_concurrency", "reasoning_effort", "thinking_budget",
            "unsupported_parameters", "max_tokens_parameter", "batch", "batch_poll_seconds", "batch_failed_requests");
    /** Values of {@code batch_failed_requests}. */
    static final List<String> FAILED_REQUESTS = List.of("online", "next_batch");
    /** OpenAI's documented {@code reasoning_effort} values. */
    static final List<String> REASONING_EFFORTS = List.of("none", "minimal", "low", "medium", "high", "xhigh");
    /** Anthropic's smallest thinking budget (extended-thinking documentation: {@code budget_tokens >= 1024}). */
    static final int ANTHROPIC_MIN_THINKING_BUDGET = 1024;

    private ModelsSection() {
    }

    static Map<String, ModelSpec> read(YamlSection top) {
        YamlSection m = top.section("models");
        if (m == null) {
            throw top.error("models", "required (at least target: {provider: ..., model: ...})");
        }
        m.allowOnly(ROLE_KEYS);
        if (!m.has("target")) {
            throw m.error("target", "required (the model whose prompt is optimized)");
        }
        Map<String, ModelSpec> models = new LinkedHashMap<>();
        for (String role : ROLE_KEYS) {
            YamlSection s = m.section(role);
            if (s != null) {
                models.put(role, model(role, s.allowOnly(MODEL_KEYS)));
            }
        }
        return models;
    }

    private static ModelSpec model(String role, YamlSection s) {
        String name = s.requiredString("provider");
        Provider provider = Provider.byKey(name).orElseThrow(() -> s.error("provider", "unknown provider \"" + name
                + "\"" + Suggestions.didYouMean(name, Provider.keys()) + " (known: " + String.join(", ", Provider.keys()) + ")"));
        String model = provider == Provider.SIMULATED && !s.has("model") ? "simulated" : s.requiredString("model");
        String baseUrl = s.string("base_url");
        if (baseUrl != null) {
            checkUrl(s, baseUrl);
        } else if (provider.needsBaseUrl()) {
            throw s.error("base_url", "required for provider \"" + provider.key() + "\" (e.g. http://localhost:8000/v1)");
        }
        String keyEnv = s.has("api_key_env") ? s.requiredString("api_key_env") : provider.defaultKeyEnv();
        Double timeout = s.number("timeout_seconds", 0, Double.MAX_VALUE, true);
        // Anthropic refuses a temperature above 1 with HTTP 400 (anthropics/anthropic-sdk-python#893)
        Double temperature = s.number("temperature", 0, provider == Provider.ANTHROPIC ? 1 : 2, false);
        Integer maxTokens = s.wholeNumber("max_tokens", 1);
        return new ModelSpec(role, provider, model, keyEnv, baseUrl, temperature, maxTokens,
                timeout == null ? CallPath.DEFAULT_TIMEOUT : Duration.ofMillis(Math.round(timeout * 1000)),
                s.wholeNumber("max_concurrency", 1), reasoningEffort(provider, s), thinkingBudget(provider, s, maxTokens),
                unsupportedParameters(s), maxTokensParameter(provider, s), batch(provider, model, s));
    }

    /**
     * {@code batch: true} and its settings, or {@code null} when the calls stay online. A provider without a
     * batch API in gradsum ({@link Provider#hasBatchApi}) is an error naming the key and the model.
     */
    private static ModelSpec.Batch batch(Provider provider, String model, YamlSection s) {
        Boolean on = s.bool("batch");
        if (on == null || !on) {
            for (String key : List.of("batch_poll_seconds", "batch_failed_requests")) {
                if (s.has(key)) {
                    throw s.error(key, "applies only with batch: true");
                }
            }
            return null;
        }
        if (!provider.hasBatchApi()) {
            throw s.error("batch", "provider \"" + provider.key() + "\" (model " + model + ") has no batch API in gradsum;"
                    + " batches go to " + String.join(", ", Provider.withBatchApi()) + ". Remove batch: true to send its calls online");
        }
        Double poll = s.number("batch_poll_seconds", 0, Double.MAX_VALUE, true);
        String failed = s.string("batch_failed_requests");
        if (failed != null && !FAILED_REQUESTS.contains(failed)) {
            throw s.error("batch_failed_requests", "expected one of " + String.join(", ", FAILED_REQUESTS)
                    + ", got \"" + failed + "\"");
        }
        return new ModelSpec.Batch(
                poll == null ? dev.gradsum.llm.BatchOptions.DEFAULT_POLL_INTERVAL : Duration.ofMillis(Math.max(1, Math.round(poll * 1000))),
                "next_batch".equals(failed) ? dev.gradsum.llm.BatchOptions.FailedRequests.NEXT_BATCH
                        : dev.gradsum.llm.BatchOptions.FailedRequests.ONLINE);
    }

    private static boolean openAiWire(Provider provider) {
        return provider != Provider.ANTHROPIC && provider != Provider.GEMINI && provider != Provider.SIMULATED;
    }

    private static String reasoningEffort(Provider provider, YamlSection s) {
        String effort = s.string("reasoning_effort");
        if (effort == null) {
            return null;
        }
        if (!openAiWire(provider)) {
            throw s.error("reasoning_effort", "is sent to OpenAI-style servers only; for \"" + provider.key()
                    + "\" set thinking_budget");
        }
        if (!REASONING_EFFORTS.contains(effort)) {
            throw s.error("reasoning_effort", "unknown value \"" + effort + "\"" + Suggestions.didYouMean(effort, REASONING_EFFORTS)
                    + " (known: " + String.join(", ", REASONING_EFFORTS) + ")");
        }
        return effort;
    }

    private static Integer thinkingBudget(Provider provider, YamlSection s, Integer maxTokens) {
        if (!s.has("thinking_budget")) {
            return null;
        }
        if (provider == Provider.ANTHROPIC) {
            Integer budget = s.wholeNumber("thinking_budget", ANTHROPIC_MIN_THINKING_BUDGET);
            if (maxTokens != null && maxTokens <= budget) {
                throw s.error("max_tokens", "must be greater than thinking_budget (" + budget
                        + "): Anthropic counts thinking in max_tokens");
            }
            return budget;
        }
        if (provider == Provider.GEMINI) {
            return s.wholeNumber("thinking_budget", -1); // Gemini: 0 turns thinking off, -1 lets the model decide
        }
        throw s.error("thinking_budget", "is sent to anthropic and gemini only; for \"" + provider.key()
                + "\" set reasoning_effort");
    }

    private static Set<String> unsupportedParameters(YamlSection s) {
        List<String> names = s.stringList("unsupported_parameters");
        if (names == null) {
            return null;
        }
        for (String name : names) {
            if (!ModelCapabilities.PARAMETERS.contains(name)) {
                throw s.error("unsupported_parameters", "unknown parameter \"" + name + "\""
                        + Suggestions.didYouMean(name, ModelCapabilities.PARAMETERS)
                        + " (known: " + String.join(", ", ModelCapabilities.PARAMETERS) + ")");
            }
        }
        return new LinkedHashSet<>(names);
    }

    private static String maxTokensParameter(Provider provider, YamlSection s) {
        String field = s.string("max_tokens_parameter");
        if (field == null) {
            return null;
        }
        if (!openAiWire(provider)) {
            throw s.error("max_tokens_parameter", "applies to OpenAI-style servers only");
        }
        if (!ModelCapabilities.TOKEN_LIMIT_FIELDS.contains(field)) {
            throw s.error("max_tokens_parameter", "expected one of " + String.join(", ", ModelCapabilities.TOKEN_LIMIT_FIELDS)
                    + ", got \"" + field + "\"");
        }
        return field;
    }

    private static void checkUrl(YamlSection s, String url) {
        try {
            URI uri = new URI(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw s.error("base_url", "expected an http:// or https:// URL, got \"" + url + "\"");
            }
        } catch (java.net.URISyntaxException e) {
            throw s.error("base_url", "not a valid URL: \"" + url + "\"");
        }
    }

}
