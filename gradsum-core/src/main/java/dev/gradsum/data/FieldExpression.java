package dev.gradsum.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.gradsum.exception.ConfigurationException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks and renders part of a field whose value is JSON (a list or an object), so a prompt can show
 * it as readable text. Used by {@link Dataset#mapFields}. Syntax: {@code path} or {@code path | form}.
 * <ul>
 *   <li>{@code path}: a field name followed by any of {@code [i]} (element of a list, 0-based) and
 *       {@code .name} (member of an object), e.g. {@code turns[0]}, {@code context.title};</li>
 *   <li>{@code form}: how a list is written: {@code lines} (one element per line, the default),
 *       {@code lettered} ({@code A. …}, {@code B. …}), {@code numbered} ({@code 1. …}) or
 *       {@code paragraphs} (separated by blank lines).</li>
 * </ul>
 * Rendering: text as it is; a list inside an element is joined into one line (a space is added only
 * where neither side has one); an object whose members are lists of one length (the column layout of
 * Hugging Face datasets, e.g. HotpotQA's {@code context}) is read as that many records; a record is
 * written as its values joined by {@code ": "}, so {@code {"title": "X", "sentences": ["a.", " b."]}}
 * becomes {@code X: a. b.}. Immutable.
 */
final class FieldExpression {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STEP = Pattern.compile("\\[(\\d+)]|\\.([^.\\[\\]|]+)");
    private static final List<String> FORMS = List.of("lines", "lettered", "numbered", "paragraphs");

    private final String text;
    private final String field;
    private final List<Object> steps;
    private final String form;

    private FieldExpression(String text, String field, List<Object> steps, String form) {
        this.text = text;
        this.field = field;
        this.steps = steps;
        this.form = form;
    }

    /** Whether {@code column} is an expression rather than a plain column name. */
    static boolean isExpression(String column) {
        return column.indexOf('[') >= 0 || column.indexOf('.') >= 0 || column.indexOf('|') >= 0;
    }

    /** Parses {@code text}; a malformed expression is a ConfigurationException saying what is expected. */
    static FieldExpression parse(String text) {
        String path = text;
        String form = "lines";
        int bar = text.indexOf('|');
        if (bar >= 0) {
            path = text.substring(0, bar);
            form = text.substring(bar + 1).strip().toLowerCase(Locale.ROOT);
            if (!FORMS.contains(form)) {
                throw new ConfigurationException("field \"" + text + "\": unknown form \"" + form + "\"; use one of "
                        + String.join(", ", FORMS));
            }
        }
        path = path.strip();
        int firstStep = firstStep(path);
        String field = path.substring(0, firstStep);
        if (field.isEmpty()) {
            throw new ConfigurationException("field \"" + text + "\": start with a field name, e.g. turns[0]");
        }
        List<Object> steps = new ArrayList<>();
        Matcher m = STEP.matcher(path);
        int at = firstStep;
        while (at < path.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new ConfigurationException("field \"" + text + "\": cannot read \"" + path.substring(at)
                        + "\"; write steps as [0] or .name");
            }
            steps.add(m.group(1) != null ? (Object) Integer.valueOf(m.group(1)) : m.group(2));
            at = m.end();
        }
        return new FieldExpression(text, field, List.copyOf(steps), form);
    }

    /** The field the expression starts from. */
    String field() {
        return field;
    }

    /** The rendered value for {@code row}, or {@code null} when the field or a step is missing. */
    String apply(Map<String, String> row) {
        String raw = row.get(field);
        if (raw == null) {
            return null;
        }
        if (steps.isEmpty() && !looksLikeJson(raw)) {
            return raw;
        }
        JsonNode node;
        try {
            node = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            return steps.isEmpty() ? raw : null;
        }
        for (Object step : steps) {
            node = step instanceof Integer i ? node.get(i) : node.get((String) step);
            if (node == null || node.isNull()) {
                return null;
            }
        }
        return render(node);
    }

    private String render(JsonNode node) {
        List<String> items = items(node);
        if (items == null) {
            return inline(node);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(form.equals("paragraphs") ? "\n\n" : "\n");
            }
            switch (form) {
                case "lettered" -> out.append(letter(i)).append(". ");
                case "numbered" -> out.append(i + 1).append(". ");
                default -> { }
            }
            out.append(items.get(i));
        }
        return out.toString();
    }

    /** The elements of a list or of a column-layout object, each inline; {@code null} for anything else. */
    private static List<String> items(JsonNode node) {
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(e -> items.add(inline(e)));
            return items;
        }
        int rows = columnRows(node);
        if (rows < 0) {
            return null;
        }
        List<String> items = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            List<String> values = new ArrayList<>();
            for (JsonNode column : node) {
                values.add(inline(column.get(r)));
            }
            items.add(String.join(": ", values));
        }
        return items;
    }

    /** Rows of an object whose members are all lists of one length, else -1. */
    private static int columnRows(JsonNode node) {
        if (!node.isObject() || node.isEmpty()) {
            return -1;
        }
        int rows = -1;
        for (JsonNode column : node) {
            if (!column.isArray() || (rows >= 0 && column.size() != rows)) {
                return -1;
            }
            rows = column.size();
        }
        return rows;
    }

    private static String inline(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        if (node.isArray()) {
            return joined((ArrayNode) node);
        }
        List<String> items = items(node);
        if (items != null) {
            return String.join("; ", items);
        }
        List<String> members = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            members.add(e.getKey() + ": " + inline(e.getValue()));
        }
        return String.join("; ", members);
    }

    /** Elements on one line: a space between two only where neither side already has one. */
    private static String joined(ArrayNode array) {
        StringBuilder out = new StringBuilder();
        for (JsonNode e : array) {
            String s = inline(e);
            if (out.length() > 0 && !s.isEmpty() && !Character.isWhitespace(out.charAt(out.length() - 1))
                    && !Character.isWhitespace(s.charAt(0))) {
                out.append(' ');
            }
            out.append(s);
        }
        return out.toString();
    }

    private static String letter(int i) {
        return i < 26 ? String.valueOf((char) ('A' + i)) : letter(i / 26 - 1) + (char) ('A' + i % 26);
    }

    private static int firstStep(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '[' || c == '.') {
                return i;
            }
        }
        return path.length();
    }

    private static boolean looksLikeJson(String raw) {
        String s = raw.strip();
        return s.startsWith("[") || s.startsWith("{");
    }

    @Override
    public String toString() {
        return text;
    }
}
