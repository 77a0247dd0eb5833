package dev.gradsum.bench.peers;

import dev.gradsum.data.PromptTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The meta-prompts of the peer methods, read from {@code dev/gradsum/bench/peers/<name>.md} on the
 * classpath and parsed by gradsum's {@link PromptTemplate}, like the core's {@code MetaPrompts}. Each
 * file may use only the placeholders its step fills in. Immutable.
 */
public final class PeerPrompts {
    public static final String PROTEGI_GRADIENT = "protegi_gradient";
    public static final String PROTEGI_EDIT = "protegi_edit";
    public static final String PROTEGI_PARAPHRASE = "protegi_paraphrase";
    public static final String GEPA_REFLECT = "gepa_reflect";

    /** For each file, the placeholders its step fills in. */
    static final Map<String, Set<String>> PLACEHOLDERS = Map.of(
            PROTEGI_GRADIENT, Set.of("task", "prompt", "errors", "count"),
            PROTEGI_EDIT, Set.of("task", "prompt", "errors", "gradient", "count", "placeholders"),
            PROTEGI_PARAPHRASE, Set.of("prompt", "count", "placeholders"),
            GEPA_REFLECT, Set.of("task", "prompt", "examples", "placeholders"));

    private static final PeerPrompts DEFAULTS = load();

    private final Map<String, PromptTemplate> templates;

    private PeerPrompts(Map<String, PromptTemplate> templates) {
        this.templates = Map.copyOf(templates);
    }

    public static PeerPrompts defaults() {
        return DEFAULTS;
    }

    public PromptTemplate get(String name) {
        PromptTemplate t = templates.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no peer meta-prompt named '" + name + "'");
        }
        return t;
    }

    private static PeerPrompts load() {
        Map<String, PromptTemplate> templates = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> e : PLACEHOLDERS.entrySet()) {
            String resource = "/dev/gradsum/bench/peers/" + e.getKey() + ".md";
            try (InputStream in = PeerPrompts.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + resource);
                }
                PromptTemplate t = PromptTemplate.of(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
                if (!e.getValue().containsAll(t.placeholders())) {
                    throw new IllegalStateException(resource + " uses placeholders " + t.placeholders()
                            + "; allowed: " + e.getValue());
                }
                templates.put(e.getKey(), t);
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot read " + resource, ex);
            }
        }
        return new PeerPrompts(templates);
    }
}
