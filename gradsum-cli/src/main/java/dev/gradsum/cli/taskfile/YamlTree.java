package dev.gradsum.cli.taskfile;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.gradsum.exception.ConfigurationException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Builds the tree of a YAML document with anchors and aliases resolved as YAML defines them: {@code &m}
 * names a node, {@code *m} stands for a copy of it, and the merge key {@code <<: *m} (or a list of
 * aliases) adds the named map's keys that the map does not set itself. Jackson's own tree reader
 * would give an alias as the text of its name.
 */
final class YamlTree {
    private static final String MERGE_KEY = "<<";
    private final YAMLParser parser;
    private final String label;
    private final Map<String, JsonNode> anchors = new HashMap<>();

    private YamlTree(YAMLParser parser, String label) {
        this.parser = parser;
        this.label = label;
    }

    /** The document's root node, or {@code null} for an empty document. */
    static JsonNode read(YAMLMapper mapper, String text, String label) throws IOException {
        try (YAMLParser parser = (YAMLParser) mapper.createParser(text)) {
            if (parser.nextToken() == null) {
                return null;
            }
            return new YamlTree(parser, label).node();
        }
    }

    /** Reads the node at the current token, leaving the parser on its last token. */
    private JsonNode node() throws IOException {
        String anchor = parser.getObjectId();
        JsonToken token = parser.currentToken();
        JsonNode node;
        if (token == JsonToken.START_OBJECT) {
            node = map();
        } else if (token == JsonToken.START_ARRAY) {
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                list.add(node());
            }
            node = list;
        } else if (token == JsonToken.VALUE_STRING && parser.isCurrentAlias()) {
            JsonNode named = anchors.get(parser.getText());
            if (named == null) {
                throw new ConfigurationException(label + ":" + parser.currentTokenLocation().getLineNr()
                        + ": not valid YAML: alias *" + parser.getText() + " names no anchor (&" + parser.getText()
                        + ") above it");
            }
            node = named.deepCopy();
        } else {
            node = parser.readValueAsTree();
            if (node == null) {
                node = JsonNodeFactory.instance.nullNode();
            }
        }
        if (anchor != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    private ObjectNode map() throws IOException {
        ObjectNode map = JsonNodeFactory.instance.objectNode();
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            JsonNode value = node();
            if (MERGE_KEY.equals(key) && (value.isObject() || value.isArray())) {
                for (JsonNode part : value.isArray() ? value : java.util.List.of(value)) {
                    if (part.isObject()) {
                        for (Iterator<Map.Entry<String, JsonNode>> it = part.fields(); it.hasNext(); ) {
                            Map.Entry<String, JsonNode> e = it.next();
                            if (!merged.has(e.getKey())) {
                                merged.set(e.getKey(), e.getValue());
                            }
                        }
                    }
                }
            } else {
                map.set(key, value);
            }
        }
        merged.fields().forEachRemaining(e -> {
            if (!map.has(e.getKey())) {
                map.set(e.getKey(), e.getValue());
            }
        });
        return map;
    }
}
