package dev.gradsum.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradsum.data.PromptTemplate.Conversation;
import dev.gradsum.data.PromptTemplate.Message;
import dev.gradsum.data.PromptTemplate.MessageRole;
import dev.gradsum.data.PromptTemplate.Turn;
import dev.gradsum.exception.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JSON forms of a chat prompt and how one is filled in for a row. The stored form
 * ({@link PromptTemplate#text()}) is
 * {@code {"messages": [{"name", "role", "content", "optimized"}...], "history": field-or-null}}, pretty
 * printed; the optimizer's view is {@code {name: content, ...}}. A row's history field holds a JSON list
 * of {@code {"role": "user"|"assistant", "content": "..."}}.
 */
final class ChatForm {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String PREFIX = "{";

    private ChatForm() {
    }

    static String write(List<Message> messages, String history) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("messages");
        for (Message m : messages) {
            ObjectNode n = list.addObject();
            n.put("name", m.name());
            n.put("role", m.role().key());
            n.put("content", m.template().text());
            n.put("optimized", m.optimized());
        }
        root.put("history", history);
        return json(root);
    }

    /** Whether {@code text} is a stored chat prompt: a plain template cannot start with {@code {"}. */
    static boolean isChatForm(String text) {
        return text.startsWith(PREFIX) && text.substring(1).stripLeading().startsWith("\"messages\"");
    }

    static PromptTemplate read(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigurationException("stored chat prompt is not valid JSON: " + e.getOriginalMessage());
        }
        List<Message> messages = new ArrayList<>();
        for (JsonNode n : root.path("messages")) {
            MessageRole role = MessageRole.valueOf(n.path("role").asText().toUpperCase(Locale.ROOT));
            String name = n.path("name").asText();
            messages.add(new Message(role, name, PromptTemplate.of(n.path("content").asText(), name + " message"),
                    n.path("optimized").asBoolean()));
        }
        JsonNode history = root.path("history");
        return PromptTemplate.chat(messages, history.isTextual() ? history.asText() : null);
    }

    static String view(List<Message> messages) {
        ObjectNode root = JSON.createObjectNode();
        messages.forEach(m -> root.put(m.name(), m.template().text()));
        return json(root);
    }

    static Conversation conversation(List<Message> messages, String history, Example example) {
        String where = "example " + example.id() + ": ";
        String system = null;
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size() - 1; i++) {
            Message m = messages.get(i);
            String text = m.template().render(example.fields(), where);
            if (m.role() == MessageRole.SYSTEM) {
                system = text;
            } else {
                turns.add(new Turn(m.role(), text));
            }
        }
        if (history != null) {
            turns.addAll(history(example, history, where));
        }
        String user = messages.get(messages.size() - 1).template().render(example.fields(), where);
        return new Conversation(system, turns, user);
    }

    /** The row's prior turns, read from its {@code field}. */
    static List<Turn> history(Example example, String field, String where) {
        String value = example.get(field);
        if (value == null) {
            throw new ConfigurationException(where + "no history field \"" + field + "\" (data.history)");
        }
        JsonNode list;
        try {
            list = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            list = null;
        }
        String expected = "history field \"" + field + "\" must be a list of {role: user|assistant, content: text}";
        if (list == null || !list.isArray()) {
            throw new ConfigurationException(where + expected);
        }
        List<Turn> turns = new ArrayList<>();
        for (JsonNode t : list) {
            String role = t.path("role").asText("");
            if (!t.path("content").isTextual() || !(role.equals("user") || role.equals("assistant"))) {
                throw new ConfigurationException(where + expected + "; turn " + (turns.size() + 1) + " is " + t);
            }
            turns.add(new Turn(MessageRole.valueOf(role.toUpperCase(Locale.ROOT)), t.path("content").asText()));
        }
        return turns;
    }

    private static String json(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }
}
