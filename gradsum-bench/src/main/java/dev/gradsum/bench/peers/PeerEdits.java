package dev.gradsum.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.llm.Llm;
import dev.gradsum.llm.LlmException;
import dev.gradsum.llm.LlmRequest;
import dev.gradsum.modules.JsonExtraction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the peer methods' editing steps share: one call whose failure skips that piece (as in the core),
 * the prompts of a {@code {"prompts": [...]}} answer, the one text they rewrite (a chat prompt's optimized
 * message, {@link #edited}) and whether a new text can run (same placeholders).
 */
final class PeerEdits {
    private PeerEdits() {
    }

    /** The call's text, or {@code null} when it failed for good (an interrupt is rethrown). */
    static String call(Llm llm, LlmRequest request) {
        try {
            return llm.chat(request).text();
        } catch (LlmException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            return null;
        }
    }

    /** At most {@code most} non-blank prompts of a {@code {"prompts": [...]}} answer (none for {@code null}). */
    static List<String> promptsIn(String text, int most) {
        if (text == null) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        JsonExtraction.objectWithField(text, "prompts").ifPresent(o -> {
            JsonNode list = o.get("prompts");
            if (list != null && list.isArray()) {
                for (JsonNode p : list) {
                    if (p.isTextual() && !p.asText().isBlank() && found.size() < most) {
                        found.add(p.asText().strip());
                    }
                }
            }
        });
        return found;
    }

    /**
     * The text the peer methods rewrite: a single prompt's template, or a chat prompt's one optimized
     * message (its other messages stay byte for byte, as in a GRAD-SUM run). ProTeGi and GEPA rewrite one
     * text, so a chat prompt optimizing more than one message is refused here with a
     * ConfigurationException naming them.
     */
    static String edited(PromptTemplate prompt) {
        return message(prompt).template().text();
    }

    /**
     * {@code original} with its edited text ({@link #edited}) replaced by {@code text}, when that parses
     * and has exactly the placeholders of the text it replaces; else null.
     */
    static PromptTemplate usable(PromptTemplate original, String text) {
        PromptTemplate.Message edited = message(original);
        try {
            PromptTemplate t = PromptTemplate.of(text);
            return t.placeholders().equals(edited.template().placeholders())
                    ? original.withOptimized(Map.of(edited.name(), t)) : null;
        } catch (ConfigurationException e) {
            return null;
        }
    }

    /** The placeholders of the edited text as a prompt shows them: {@code {a}, {b}}. */
    static String placeholders(PromptTemplate prompt) {
        return message(prompt).template().placeholders().stream().map(p -> "{" + p + "}")
                .collect(Collectors.joining(", "));
    }

    private static PromptTemplate.Message message(PromptTemplate prompt) {
        List<PromptTemplate.Message> optimized = prompt.optimized();
        if (optimized.size() != 1) {
            throw new ConfigurationException("ProTeGi and GEPA rewrite one prompt text, but this chat prompt optimizes "
                    + optimized.size() + " messages (" + optimized.stream().map(PromptTemplate.Message::name)
                    .collect(Collectors.joining(", ")) + "); give the task one optimized message (optimize: [system]) "
                    + "or leave protegi and gepa out of --optimizers");
        }
        return optimized.get(0);
    }
}
