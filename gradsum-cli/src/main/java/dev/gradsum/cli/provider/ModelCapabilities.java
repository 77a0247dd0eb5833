package dev.gradsum.cli.provider;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which request parameters a model refuses, by model-name pattern: the bundled table
 * {@code dev/gradsum/cli/provider/model-capabilities.csv} (OpenAI's o1 / o3 / o4 / gpt-5 families take no
 * temperature but the default and want {@code max_completion_tokens}). A model section overrides its row
 * with {@code unsupported_parameters} and {@code max_tokens_parameter} ({@link ModelSpec}); an Anthropic
 * section with a thinking budget sends no temperature or top_p. Immutable.
 */
public final class ModelCapabilities {
    /** The parameters the table and task files may name as unsupported. */
    public static final List<String> PARAMETERS = List.of("temperature", "top_p", "reasoning_effort");
    /** The OpenAI fields an output-token limit can be sent in. */
    public static final List<String> TOKEN_LIMIT_FIELDS = List.of("max_tokens", "max_completion_tokens");

    private static final String TABLE = "dev/gradsum/cli/provider/model-capabilities.csv";
    private static final ModelCapabilities DEFAULTS = load();

    /** One row: models of {@code api} whose name matches {@code pattern}. */
    private record Row(String api, Pattern pattern, Set<String> unsupported, String maxTokensParameter) {
    }

    /**
     * What gradsum sends a model.
     *
     * @param unsupported        parameters never sent (e.g. {@code temperature})
     * @param maxTokensParameter {@code max_tokens} or {@code max_completion_tokens} (OpenAI wire format), or
     *                           {@code null} for the provider's usual field
     */
    public record Capability(Set<String> unsupported, String maxTokensParameter) {
        /** Everything may be sent. */
        public static final Capability ALL = new Capability(Set.of(), null);

        public Capability {
            unsupported = Set.copyOf(unsupported);
        }

        public boolean sends(String parameter) {
            return !unsupported.contains(parameter);
        }

        /** A copy that no longer sends {@code parameter}. */
        public Capability without(String parameter) {
            Set<String> more = new LinkedHashSet<>(unsupported);
            more.add(parameter);
            return new Capability(more, maxTokensParameter);
        }

        public Capability withMaxTokensParameter(String field) {
            return new Capability(unsupported, field);
        }
    }

    private final List<Row> rows;

    private ModelCapabilities(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /** The bundled table. */
    public static ModelCapabilities defaults() {
        return DEFAULTS;
    }

    /** The row for {@code spec}'s model, with the section's own overrides applied. */
    public Capability of(ModelSpec spec) {
        Capability c = lookup(spec.provider(), spec.model());
        if (spec.unsupportedParameters() != null) {
            c = new Capability(spec.unsupportedParameters(), c.maxTokensParameter());
        }
        if (spec.maxTokensParameter() != null) {
            c = c.withMaxTokensParameter(spec.maxTokensParameter());
        }
        if (spec.provider() == Provider.ANTHROPIC && spec.thinkingBudget() != null) {
            // extended thinking takes no temperature or top_p (Anthropic extended-thinking documentation)
            c = c.without("temperature").without("top_p");
        }
        return c;
    }

    /** The first row matching {@code model} for {@code provider}'s wire format, or {@link Capability#ALL}. */
    public Capability lookup(Provider provider, String model) {
        String api = api(provider);
        String name = model.trim().toLowerCase(Locale.ROOT);
        name = name.substring(name.lastIndexOf('/') + 1);
        for (Row row : rows) {
            if (row.api().equals(api) && row.pattern().matcher(name).matches()) {
                return new Capability(row.unsupported(), row.maxTokensParameter());
            }
        }
        return Capability.ALL;
    }

    private static String api(Provider provider) {
        return switch (provider) {
            case ANTHROPIC -> "anthropic";
            case GEMINI -> "gemini";
            case SIMULATED -> "simulated";
            default -> "openai";
        };
    }

    private static ModelCapabilities load() {
        InputStream in = ModelCapabilities.class.getResourceAsStream("/" + TABLE);
        if (in == null) {
            throw new IllegalStateException("missing resource " + TABLE);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return parse(reader.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the table's lines (header {@code api,model_pattern,unsupported,max_tokens_parameter}; {@code #} comments). */
    static ModelCapabilities parse(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        boolean header = true;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 4) {
                throw new IllegalStateException(TABLE + ": expected 4 fields in \"" + line + "\"");
            }
            Set<String> unsupported = new LinkedHashSet<>();
            Arrays.stream(f[2].split(";")).map(String::strip).filter(s -> !s.isEmpty()).forEach(p -> {
                if (!PARAMETERS.contains(p)) {
                    throw new IllegalStateException(TABLE + ": unknown parameter \"" + p + "\" in \"" + line + "\"");
                }
                unsupported.add(p);
            });
            String field = f[3].strip();
            if (!field.isEmpty() && !TOKEN_LIMIT_FIELDS.contains(field)) {
                throw new IllegalStateException(TABLE + ": unknown max_tokens_parameter in \"" + line + "\"");
            }
            rows.add(new Row(f[0].strip(), Pattern.compile(f[1].strip(), Pattern.CASE_INSENSITIVE), unsupported,
                    field.isEmpty() ? null : field));
        }
        return new ModelCapabilities(rows);
    }
}
