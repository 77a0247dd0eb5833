package dev.gradsum.cli.taskfile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.exception.ConfigurationException;
import java.util.ArrayList;
import java.util.List;

/**
 * The chat form of a task file's prompt: {@code prompt: {system: …, user: …}} or a {@code messages:}
 * list of {@code {role, content}} (an optional system message first, example turns as user/assistant
 * pairs, the user template last), {@code optimize:} naming the messages to rewrite, and
 * {@code data.history} naming the field that holds each row's prior turns. A plain {@code prompt: "…"}
 * or {@code prompt_file} with none of these stays the plain text it always was; otherwise the prompt is
 * built ({@link PromptTemplate#builder()}) and handed on in its JSON form ({@link PromptTemplate#text()}),
 * which {@code TaskSetup} reads back with {@link PromptTemplate#parse}.
 */
final class ChatPromptSection {
    static final List<String> PROMPT_KEYS = List.of("system", "user");
    static final List<String> MESSAGE_KEYS = List.of("role", "content");

    private ChatPromptSection() {
    }

    /**
     * The prompt's text for {@code TaskSetup}: {@code plain} unchanged when the task file uses no chat
     * form, else the chat prompt's JSON form.
     *
     * @param key   where the prompt comes from: {@code prompt}, {@code prompt_file} or {@code messages}
     * @param plain the prompt's text when given as one string (inline or from the file), else {@code null}
     */
    static String text(YamlSection top, String key, String plain, JsonNode root) {
        String history = history(top);
        List<String> optimize = optimize(top, root.get("optimize"));
        if (plain != null && history == null && optimize == null) {
            return plain;
        }
        PromptTemplate.Builder builder = PromptTemplate.builder();
        if (plain != null) {
            builder.user(plain);
        } else if (key.equals("messages")) {
            messages(top, root.get("messages"), builder);
        } else {
            YamlSection p = top.section("prompt").allowOnly(PROMPT_KEYS);
            if (p.has("system")) {
                builder.system(p.requiredString("system"));
            }
            builder.user(p.requiredString("user"));
        }
        if (history != null) {
            builder.history(history);
        }
        if (optimize != null) {
            builder.optimize(optimize.toArray(new String[0]));
        }
        try {
            return builder.build().text();
        } catch (ConfigurationException e) {
            String message = e.getMessage();
            boolean aboutOptimize = message.startsWith("optimize: ");
            throw top.error(aboutOptimize ? "optimize" : key,
                    aboutOptimize ? message.substring("optimize: ".length()) : message);
        }
    }

    private static String history(YamlSection top) {
        YamlSection d = top.section("data");
        return d != null && d.has("history") ? d.requiredString("history") : null;
    }

    private static List<String> optimize(YamlSection top, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return List.of(value.asText());
        }
        List<String> names = top.stringList("optimize");
        if (names.isEmpty()) {
            throw top.error("optimize", "name at least one message (system, user, …)");
        }
        return names;
    }

    /** {@code messages:}: system first (optional), then user/assistant example pairs, then the user template. */
    private static void messages(YamlSection top, JsonNode list, PromptTemplate.Builder builder) {
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw top.error("messages", "expected a list of {role: system|user|assistant, content: text}, ending"
                    + " with the user template");
        }
        List<String[]> turns = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "messages[" + (i + 1) + "]";
            if (!list.get(i).isObject()) {
                throw top.error(where, "expected {role: system|user|assistant, content: text}, got "
                        + YamlSection.describe(list.get(i)));
            }
            YamlSection m = top.item(where, list.get(i)).allowOnly(MESSAGE_KEYS);
            String role = m.requiredString("role");
            String content = m.requiredString("content");
            if (role.equals("system")) {
                if (i != 0) {
                    throw m.error("role", "the system message comes first");
                }
                builder.system(content);
            } else if (role.equals("user") || role.equals("assistant")) {
                turns.add(new String[] {role, content});
            } else {
                throw m.error("role", "unknown role \"" + role + "\"" + Suggestions.didYouMean(role,
                        List.of("system", "user", "assistant")) + " (known: system, user, assistant)");
            }
        }
        if (turns.isEmpty() || !turns.get(turns.size() - 1)[0].equals("user")) {
            throw top.error("messages", "the last message is the user template (role: user)");
        }
        for (int i = 0; i + 1 < turns.size(); i += 2) {
            if (!turns.get(i)[0].equals("user") || !turns.get(i + 1)[0].equals("assistant")) {
                throw top.error("messages", "example turns come in pairs: a user message, then the assistant's answer");
            }
            builder.example(turns.get(i)[1], turns.get(i + 1)[1]);
        }
        builder.user(turns.get(turns.size() - 1)[1]);
    }
}
