package dev.gradsum.prompts;

import dev.gradsum.data.PromptTemplate;
import dev.gradsum.exception.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * gradsum's own prompts to the judge, gradient, summarizer and editor models, read from
 * {@code dev/gradsum/prompts/<name>.md} on the classpath (one file per module, a variant gets its own
 * file). Users may replace any of them from a directory ({@link #fromDirectory(Path)}); files missing
 * there fall back to the defaults. Each file may use only the placeholders its module fills in
 * ({@link #PLACEHOLDERS}). Immutable and thread-safe.
 */
public final class MetaPrompts {
    public static final String EVALUATOR = "evaluator";
    public static final String GRADIENT_GENERATOR = "gradient_generator";
    public static final String GRADIENT_SUMMARIZER = "gradient_summarizer";
    public static final String PROMPT_EDITOR = "prompt_editor";
    public static final String PROMPT_EDITOR_RAW_GRADIENTS = "prompt_editor_raw_gradients";
    public static final String PROMPT_EDITOR_REPAIR = "prompt_editor_repair";
    public static final String ANSWER_RETRY = "answer_retry";
    /** The editor's meta-prompts for a chat prompt: the optimized messages in, one JSON object per candidate out. */
    public static final String PROMPT_EDITOR_CHAT = "prompt_editor_chat";
    public static final String PROMPT_EDITOR_RAW_GRADIENTS_CHAT = "prompt_editor_raw_gradients_chat";
    public static final String PROMPT_EDITOR_REPAIR_CHAT = "prompt_editor_repair_chat";

    /** For each meta-prompt name, the placeholders its module fills in (a file may use any of them). */
    public static final Map<String, Set<String>> PLACEHOLDERS = placeholders();

    private static final String RESOURCE_DIR = "/dev/gradsum/prompts/";

    private final Map<String, PromptTemplate> templates;

    private MetaPrompts(Map<String, PromptTemplate> templates) {
        this.templates = Map.copyOf(templates);
    }

    /** The meta-prompts shipped with gradsum (loaded once). */
    public static MetaPrompts defaults() {
        return Defaults.INSTANCE;
    }

    /**
     * The defaults, with every {@code <name>.md} found in {@code directory} replacing its default.
     * A file that does not parse, uses a placeholder its module does not fill, or has an unknown name
     * is a {@link ConfigurationException} naming the file.
     */
    public static MetaPrompts fromDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new ConfigurationException(directory + ": meta-prompt directory not found");
        }
        Map<String, PromptTemplate> templates = new LinkedHashMap<>(defaults().templates);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                String fileName = file.getFileName().toString();
                if (!fileName.endsWith(".md") || fileName.equalsIgnoreCase("README.md")) {
                    continue;
                }
                String name = fileName.substring(0, fileName.length() - ".md".length());
                if (!PLACEHOLDERS.containsKey(name)) {
                    throw new ConfigurationException(file + ": not a meta-prompt name; expected one of "
                            + String.join(", ", PLACEHOLDERS.keySet()) + " (.md)");
                }
                templates.put(name, parse(file.toString(), name, Files.readString(file, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new ConfigurationException(directory + ": cannot read meta-prompts: " + e.getMessage(), e);
        }
        return new MetaPrompts(templates);
    }

    /** The meta-prompt called {@code name} (e.g. {@link #EVALUATOR}). */
    public PromptTemplate get(String name) {
        PromptTemplate template = templates.get(name);
        if (template == null) {
            throw new IllegalArgumentException("no meta-prompt named '" + name + "'; known: "
                    + String.join(", ", PLACEHOLDERS.keySet()));
        }
        return template;
    }

    /** All meta-prompt names, in module order. */
    public Set<String> names() {
        return PLACEHOLDERS.keySet();
    }

    private static PromptTemplate parse(String source, String name, String text) {
        PromptTemplate template = PromptTemplate.of(text, source);
        Set<String> allowed = PLACEHOLDERS.get(name);
        Set<String> unknown = new LinkedHashSet<>(template.placeholders());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw new ConfigurationException(source + ": unknown placeholder "
                    + unknown.stream().map(p -> "{" + p + "}").collect(Collectors.joining(", "))
                    + "; this file may use " + allowed.stream().map(p -> "{" + p + "}").collect(Collectors.joining(", "))
                    + " (write a literal brace as {{ or }})");
        }
        return template;
    }

    private static Map<String, Set<String>> placeholders() {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        m.put(EVALUATOR, Set.of("task", "criteria", "input", "output", "expected", "scale"));
        m.put(GRADIENT_GENERATOR, Set.of("task", "criteria", "prompt", "input", "output", "expected", "evaluation"));
        m.put(GRADIENT_SUMMARIZER, Set.of("task", "prompt", "gradients"));
        m.put(PROMPT_EDITOR, Set.of("task", "prompt", "summary", "placeholders", "count"));
        m.put(PROMPT_EDITOR_RAW_GRADIENTS, Set.of("task", "prompt", "gradients", "placeholders", "count"));
        m.put(PROMPT_EDITOR_REPAIR, Set.of("task", "prompt", "candidate", "problem", "placeholders"));
        m.put(ANSWER_RETRY, Set.of("request", "problem"));
        m.put(PROMPT_EDITOR_CHAT, Set.of("task", "prompt", "summary", "optimized", "placeholders", "count"));
        m.put(PROMPT_EDITOR_RAW_GRADIENTS_CHAT, Set.of("task", "prompt", "gradients", "optimized", "placeholders", "count"));
        m.put(PROMPT_EDITOR_REPAIR_CHAT, Set.of("task", "prompt", "candidate", "problem", "optimized", "placeholders"));
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Loaded on first use, once. */
    private static final class Defaults {
        static final MetaPrompts INSTANCE = load();

        private static MetaPrompts load() {
            Map<String, PromptTemplate> templates = new LinkedHashMap<>();
            for (String name : PLACEHOLDERS.keySet()) {
                String resource = RESOURCE_DIR + name + ".md";
                try (InputStream in = MetaPrompts.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("missing resource " + resource);
                    }
                    templates.put(name, parse(resource, name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + resource, e);
                }
            }
            return new MetaPrompts(templates);
        }
    }
}
