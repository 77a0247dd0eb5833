package dev.gradsum.cli.provider;

import dev.gradsum.exception.ConfigurationException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads API keys from the environment variables a task file names, before any work is done. A missing
 * variable is a one-line {@link ConfigurationException} naming the variable; the value is never part
 * of any message.
 */
public final class ApiKeys {
    private final Map<String, String> byRole;

    private ApiKeys(Map<String, String> byRole) {
        this.byRole = byRole;
    }

    /** @param label how messages name the task file */
    public static ApiKeys resolve(Map<String, ModelSpec> models, String label, Map<String, String> env) {
        Map<String, String> keys = new HashMap<>();
        for (ModelSpec spec : models.values()) {
            String var = spec.apiKeyEnv();
            if (var == null || !spec.provider().remote()) {
                continue;
            }
            String value = env.get(var);
            if (value == null || value.isBlank()) {
                throw new ConfigurationException(label + ": models." + spec.role() + ".api_key_env: environment variable "
                        + var + " is not set (export " + var + "=... before running gradsum)");
            }
            keys.put(spec.role(), value);
        }
        return new ApiKeys(keys);
    }

    /** The key for the model of task-file role {@code role}, or {@code null} when it uses none. */
    String forRole(String role) {
        return byRole.get(role);
    }
}
