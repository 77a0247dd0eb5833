package dev.gradsum.cli.taskfile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradsum.exception.ConfigurationException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One map of a task file (the top level, {@code data}, {@code models.target}, ...) read strictly:
 * unknown keys are errors with a did-you-mean, values must have the expected type, and every message
 * is one line {@code file: path.key: what is wrong}. A key given as {@code null} counts as absent.
 */
final class YamlSection {
    private final String file;
    private final String path;
    private final JsonNode node;

    YamlSection(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /** Fails on the first key that is not one of {@code known}. */
    YamlSection allowOnly(List<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!known.contains(key)) {
                throw error(key, "unknown key" + Suggestions.didYouMean(key, known)
                        + (Suggestions.closest(key, known).isPresent() ? "" : " (known: " + String.join(", ", known) + ")"));
            }
        }
        return this;
    }

    boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    String string(String key) {
        JsonNode v = value(key);
        if (v == null) {
            return null;
        }
        if (!v.isValueNode()) {
            throw error(key, "expected text, got " + describe(v));
        }
        return v.asText();
    }

    String requiredString(String key) {
        String s = string(key);
        if (s == null || s.isBlank()) {
            throw error(key, "required, and must not be empty");
        }
        return s;
    }

    Integer wholeNumber(String key, int min) {
        return wholeNumber(key, min, Integer.MAX_VALUE);
    }

    /** A whole number from {@code min} to {@code max}, or {@code null} when the key is absent. */
    Integer wholeNumber(String key, int min, int max) {
        JsonNode v = value(key);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber()) {
            throw error(key, "expected a whole number, got " + describe(v));
        }
        if (!v.canConvertToInt() || v.intValue() > max) {
            throw error(key, "must be at most " + max + ", got " + v.asText());
        }
        int i = v.intValue();
        if (i < min) {
            throw error(key, "must be at least " + min + ", got " + i);
        }
        return i;
    }

    Long longNumber(String key, long min) {
        JsonNode v = value(key);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw error(key, "expected a whole number, got " + describe(v));
        }
        long l = v.longValue();
        if (l < min) {
            throw error(key, "must be at least " + min + ", got " + l);
        }
        return l;
    }

    /** A number in {@code [min, max]}; {@code exclusiveMin} rejects {@code min} itself. */
    Double number(String key, double min, double max, boolean exclusiveMin) {
        JsonNode v = value(key);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw error(key, "expected a number, got " + describe(v));
        }
        double d = v.doubleValue();
        if (Double.isNaN(d) || d < min || (exclusiveMin && d == min) || d > max) {
            String range = max == Double.MAX_VALUE
                    ? (exclusiveMin ? "greater than " : "at least ") + plain(min)
                    : "between " + plain(min) + " and " + plain(max);
            throw error(key, "must be " + range + ", got " + v.asText());
        }
        return d;
    }

    Boolean bool(String key) {
        JsonNode v = value(key);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw error(key, "expected true or false, got " + describe(v));
        }
        return v.booleanValue();
    }

    /** A list of text items, or {@code null} when absent. */
    List<String> stringList(String key) {
        JsonNode v = value(key);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw error(key, "expected a list such as [temperature, top_p], got " + describe(v));
        }
        List<String> items = new java.util.ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw error(key, "expected text items, got " + describe(item));
            }
            items.add(item.asText());
        }
        return items;
    }

    /** A nested map, or {@code null} when absent. */
    YamlSection section(String key) {
        JsonNode v = value(key);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw error(key, "expected a map of keys, got " + describe(v));
        }
        return new YamlSection(file, child(key), v);
    }

    /** A section of the same file at {@code path} (e.g. an item of a list, {@code messages[2]}). */
    YamlSection item(String path, JsonNode value) {
        return new YamlSection(file, path, value);
    }

    /** A map of text to text, in file order; {@code null} when absent. */
    Map<String, String> stringMap(String key) {
        YamlSection s = section(key);
        if (s == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : s.keys()) {
            out.put(k, s.requiredString(k));
        }
        return out;
    }

    List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** {@code file: path.key: message}. */
    ConfigurationException error(String key, String message) {
        return new ConfigurationException(file + ": " + child(key) + ": " + message);
    }

    /** {@code file: path: message}, about this section itself. */
    ConfigurationException error(String message) {
        return new ConfigurationException(file + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private JsonNode value(String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "\"" + v.asText() + "\"";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isObject()) {
            return "a map";
        }
        return v.asText();
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
