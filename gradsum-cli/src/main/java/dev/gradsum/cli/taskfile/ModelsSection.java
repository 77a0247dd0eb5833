package dev.gradsum.cli.taskfile;

import dev.gradsum.cli.provider.ModelSpec;
import dev.gradsum.cli.provider.Provider;
import dev.gradsum.llm.CallPath;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code models:} section of a task file: one entry per role (target required), each naming a
 * known provider, a model, and how to reach it. Keys are checked later, by name, in
 * {@link dev.gradsum.cli.provider.ApiKeys}.
 */
final class ModelsSection {
    static final List<String> ROLE_KEYS = List.of("target", "judge", "optimizer", "gradient", "summarizer",
            "editor");
    static final List<String> MODEL_KEYS = List.of("provider", "model", "api_key_env", "base_url", "temperature",
            "max_tokens", "timeout_seconds", "max_concurrency");

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
        return new ModelSpec(role, provider, model, keyEnv, baseUrl,
                s.number("temperature", 0, 2, false), s.wholeNumber("max_tokens", 1),
                timeout == null ? CallPath.DEFAULT_TIMEOUT : Duration.ofMillis(Math.round(timeout * 1000)),
                s.wholeNumber("max_concurrency", 1));
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
