package dev.gradsum;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradsum.data.Example;
import dev.gradsum.data.Split;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.internal.Hashing;
import dev.gradsum.model.Role;
import dev.gradsum.search.SearchOptions;
import dev.gradsum.task.Criteria;
import dev.gradsum.task.Task;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a resumed run must repeat so that the search replays its answered calls and goes on where it
 * stopped, as the JSON a store keeps with the run: the task (description, prompt, criteria or metric),
 * the rows of the split (hashed), every search knob, and each role's model (provider, name and default
 * parameters). Concurrency, timeouts, retries, budget and caller labels may change between attempts,
 * so they are not part of it; labels are stored beside it, for the caller.
 */
final class RunIdentity {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Search knobs added after runs were first stored: kept out of the configuration while at their
     * default, so a run recorded before the knob existed still has the same configuration (a resume
     * matches it exactly) and reads the knob as its default ({@link #options}).
     */
    private static final List<String> KNOBS_ADDED_LATER = List.of("stopWhenLearned",
            "selection", "minibatchGate", "validation", "judgeSamples", "minConfidence");

    private RunIdentity() {
    }

    /** The configuration JSON of a run with these settings; {@code labels} are kept under "labels", sorted. */
    static String configJson(GradSum.Settings s, Map<String, String> labels) {
        ObjectNode root = JSON.createObjectNode();
        Task task = s.task();
        ObjectNode t = root.putObject("task");
        t.put("name", task.name());
        t.put("description", task.description());
        t.put("prompt", task.prompt().text());
        if (task.metric() != null) {
            ObjectNode metric = t.putObject("metric");
            metric.put("name", task.metric().name());
            metric.put("class", task.metric().getClass().getName());
            metric.put("expected", task.metric().expectedField());
        }
        Criteria c = task.criteria();
        if (c != null) {
            ObjectNode criteria = t.putObject("criteria");
            criteria.put("text", c.text());
            criteria.put("expected", c.expectedField());
            criteria.put("scale", c.scaleMax());
            criteria.put("passThreshold", c.passThreshold());
        }
        root.put("rowsSha256", rowsHash(s.split()));
        root.set("options", options(s.options()));
        ObjectNode models = root.putObject("models");
        for (Role role : Role.values()) {
            models.set(role.key(), model(s.models().model(role)));
        }
        root.set("labels", JSON.valueToTree(new TreeMap<>(labels)));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a run's configuration", e);
        }
    }

    private static ObjectNode options(SearchOptions options) {
        ObjectNode knobs = JSON.valueToTree(options);
        ObjectNode defaults = JSON.valueToTree(SearchOptions.defaults());
        for (String knob : KNOBS_ADDED_LATER) {
            if (knobs.path(knob).equals(defaults.path(knob))) {
                knobs.remove(knob);
            }
        }
        return knobs;
    }

    /** The search knobs a stored configuration was started with; a knob it does not name has its default. */
    static SearchOptions options(String configJson) {
        try {
            ObjectNode knobs = JSON.valueToTree(SearchOptions.defaults());
            JsonNode stored = JSON.readTree(configJson).path("options");
            if (stored instanceof ObjectNode given) {
                knobs.setAll(given);
            }
            return JSON.treeToValue(knobs, SearchOptions.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ConfigurationException("a stored run configuration has no readable search options (" + e.getMessage() + ")");
        }
    }

    private static ObjectNode model(ChatModel model) {
        ObjectNode m = JSON.createObjectNode();
        m.put("provider", String.valueOf(model.provider()));
        m.put("class", model.getClass().getName());
        ChatRequestParameters p = model.defaultRequestParameters();
        if (p != null) {
            m.put("name", p.modelName());
            m.put("temperature", p.temperature());
            m.put("topP", p.topP());
            m.put("maxOutputTokens", p.maxOutputTokens());
        }
        return m;
    }

    private static String rowsHash(Split split) {
        StringBuilder rows = new StringBuilder();
        for (List<Example> part : List.of(split.train(), split.validation(), split.test())) {
            for (Example e : part) {
                rows.append(e.id()).append('\u0001').append(new TreeMap<>(e.fields())).append('\u0002');
            }
            rows.append('\u0003');
        }
        return Hashing.sha256(rows.toString());
    }
}
