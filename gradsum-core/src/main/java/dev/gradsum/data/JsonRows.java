package dev.gradsum.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads JSON Lines (one object per line, blank lines skipped) and JSON arrays of objects, streaming:
 * no tree of the whole file is built. Field values become text: strings as they are, numbers and
 * booleans as their JSON text, arrays and objects as compact JSON; a {@code null} field is left out.
 */
final class JsonRows {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(DataFile.NO_VALUE_LIMITS)
            .build();
    private static final Pattern CHAR_CODE = Pattern.compile(" \\(code \\d+\\)");

    private JsonRows() {
    }

    static Dataset readLines(DataFile file) {
        RowCollector rows = new RowCollector(file);
        int lineNumber = 0;
        try (BufferedReader reader = file.open()) {
            String line;
            while (true) {
                try {
                    line = reader.readLine();
                } catch (IOException e) {
                    throw file.readFailure(lineNumber + 1, e);
                }
                if (line == null) {
                    break;
                }
                lineNumber++;
                if (!line.isBlank()) {
                    rows.add(lineNumber, parseLine(file, lineNumber, line));
                }
            }
        } catch (IOException e) {
            throw file.readFailure(lineNumber, e);
        }
        return rows.finish();
    }

    private static Map<String, String> parseLine(DataFile file, int lineNumber, String line) {
        try (JsonParser parser = JSON.createParser(line)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw file.at(lineNumber, "not a JSON object: found " + describe(first)
                        + "; write one {...} object per line");
            }
            Map<String, String> fields = readObject(parser);
            if (parser.nextToken() != null) {
                throw file.at(lineNumber, "more than one JSON value on the line; write one object per line");
            }
            return fields;
        } catch (JsonProcessingException e) {
            String column = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            throw file.at(lineNumber, "not a JSON object: " + brief(e) + column);
        } catch (IOException e) {
            throw file.readFailure(lineNumber, e);
        }
    }

    static Dataset readArray(DataFile file) {
        RowCollector rows = new RowCollector(file);
        try (BufferedReader reader = file.open(); JsonParser parser = JSON.createParser(reader)) {
            try {
                JsonToken first = parser.nextToken();
                if (first == null) {
                    throw file.whole("no rows");
                }
                if (first != JsonToken.START_ARRAY) {
                    throw file.at(line(parser), "not a JSON array of objects: found " + describe(first)
                            + (first == JsonToken.START_OBJECT ? "; for one object per line use .jsonl" : ""));
                }
                int element = 0;
                JsonToken token;
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                    element++;
                    if (token != JsonToken.START_OBJECT) {
                        throw file.at(line(parser), "element " + element + " is not an object: found "
                                + describe(token));
                    }
                    int startLine = line(parser);
                    rows.add(startLine, readObject(parser));
                }
                if (parser.nextToken() != null) {
                    throw file.at(line(parser), "unexpected content after the closing ']' of the array");
                }
            } catch (JsonProcessingException e) {
                String what = "invalid JSON: " + brief(e);
                throw e.getLocation() == null ? file.whole(what) : file.at(e.getLocation().getLineNr(), what);
            }
        } catch (IOException e) {
            throw file.readFailure(0, e);
        }
        return rows.finish();
    }

    /** Reads the object whose START_OBJECT is the current token, leaving the parser on its END_OBJECT. */
    private static Map<String, String> readObject(JsonParser parser) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (value) {
                case VALUE_NULL:
                    break;
                case START_OBJECT:
                case START_ARRAY:
                    fields.put(name, compactJson(parser));
                    break;
                default:
                    fields.put(name, parser.getText());
            }
        }
        return fields;
    }

    private static String compactJson(JsonParser parser) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.copyCurrentStructure(parser);
        }
        return out.toString();
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        switch (token) {
            case START_ARRAY: return "an array";
            case START_OBJECT: return "an object";
            case VALUE_STRING: return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT: return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE: return "a boolean";
            case VALUE_NULL: return "null";
            default: return token.asString() == null ? token.name() : "'" + token.asString() + "'";
        }
    }

    /** Jackson's own words without its source dump and character codes. */
    private static String brief(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        for (String tail : new String[] {": expected a valid value", ": was expecting ("}) {
            int cut = message.indexOf(tail);
            if (cut >= 0) {
                message = message.substring(0, cut);
            }
        }
        return CHAR_CODE.matcher(message).replaceAll("");
    }
}
