package dev.gradsum.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradsum.exception.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The recording file format (docs/recordings.md), its one owner: one JSON object a line, sorted by
 * request key ({@code CacheKey}), fields in a fixed order: {@code key, role, provider, model, system,
 * user, temperature, sample, json, reply, reasoning, input_tokens, output_tokens}. No API key and no base
 * URL is ever part of it (the call path does not know them).
 */
final class RecordedAnswers {
    /** One answered call. */
    record Entry(String key, String role, String provider, String model, LlmRequest request, LlmReply reply) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordedAnswers() {
    }

    static void write(Path file, SortedMap<String, Entry> entries) {
        StringBuilder out = new StringBuilder();
        for (Entry e : entries.values()) {
            out.append(line(e)).append('\n');
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException("--record: cannot write " + file + ": " + e.getMessage());
        }
    }

    private static String line(Entry e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("key", e.key());
        n.put("role", e.role());
        n.put("provider", e.provider());
        n.put("model", e.model());
        n.put("system", e.request().system());
        n.put("user", e.request().user());
        if (!e.request().turns().isEmpty()) {
            var turns = n.putArray("turns");
            e.request().turns().forEach(t -> turns.addObject().put("role", t.role().key()).put("content", t.text()));
        }
        n.put("temperature", e.request().temperature());
        n.put("sample", e.request().sample());
        n.put("json", e.request().json());
        n.put("reply", e.reply().text());
        n.put("reasoning", e.reply().reasoning());
        n.put("input_tokens", e.reply().inputTokens());
        n.put("output_tokens", e.reply().outputTokens());
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException x) {
            throw new IllegalStateException("cannot write a recorded answer", x);
        }
    }

    /** The replies of {@code file} by request key. */
    static Map<String, LlmReply> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("--replay: file not found: " + file);
        } catch (IOException e) {
            throw new ConfigurationException("--replay: cannot read " + file + ": " + e.getMessage());
        }
        Map<String, LlmReply> replies = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(lines.get(i));
                String key = n.path("key").asText(null);
                JsonNode reply = n.get("reply");
                if (key == null || reply == null || !reply.isTextual()) {
                    throw new ConfigurationException("--replay: " + file + " line " + (i + 1) + ": needs \"key\" and \"reply\"");
                }
                replies.put(key, new LlmReply(reply.asText(), n.path("reasoning").asText(""),
                        n.path("input_tokens").asLong(0), n.path("output_tokens").asLong(0), true));
            } catch (JsonProcessingException e) {
                throw new ConfigurationException("--replay: " + file + " line " + (i + 1) + ": not JSON: "
                        + e.getOriginalMessage());
            }
        }
        return replies;
    }
}
