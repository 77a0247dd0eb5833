package dev.gradsum.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads CSV with a header row (RFC 4180 quoting; a quoted value may span lines). Every row must have
 * as many columns as the header; blank lines are skipped. All values are text, as written.
 */
final class CsvRows {
    private static final CsvFactory CSV = CsvFactory.builder().streamReadConstraints(DataFile.NO_VALUE_LIMITS).build();

    private CsvRows() {
    }

    static Dataset read(DataFile file) {
        RowCollector rows = new RowCollector(file);
        int line = 1;
        try (BufferedReader reader = file.open(); CsvParser parser = CSV.createParser(reader)) {
            parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            try {
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    throw file.whole("no rows");
                }
                List<String> header = null;
                List<String> values = new ArrayList<>();
                while (parser.nextToken() == JsonToken.START_ARRAY) {
                    values.clear();
                    line = -1;
                    while (parser.nextToken() == JsonToken.VALUE_STRING) {
                        if (line < 0) {
                            line = parser.currentTokenLocation().getLineNr();
                        }
                        values.add(parser.getText());
                    }
                    if (values.isEmpty() || (values.size() == 1 && values.get(0).isBlank())) {
                        continue;
                    }
                    if (header == null) {
                        header = header(file, line, values);
                    } else {
                        rows.add(line, row(file, line, header, values));
                    }
                }
                if (header == null) {
                    throw file.whole("no rows");
                }
            } catch (JsonProcessingException e) {
                int at = e.getLocation() == null ? line : e.getLocation().getLineNr();
                throw file.at(at, "malformed CSV: " + e.getOriginalMessage().split("\n", 2)[0]);
            }
        } catch (IOException e) {
            throw file.readFailure(line, e);
        }
        return rows.finish();
    }

    private static List<String> header(DataFile file, int line, List<String> values) {
        List<String> names = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            String name = values.get(i).strip();
            if (name.isEmpty()) {
                throw file.at(line, "header column " + (i + 1) + " has no name; the first row must name every column");
            }
            if (names.contains(name)) {
                throw file.at(line, "header names column \"" + name + "\" twice");
            }
            names.add(name);
        }
        return names;
    }

    private static Map<String, String> row(DataFile file, int line, List<String> header, List<String> values) {
        if (values.size() != header.size()) {
            throw file.at(line, "wrong number of columns: expected " + header.size() + " ("
                    + String.join(", ", header) + "), found " + values.size()
                    + "; quote values that contain commas");
        }
        Map<String, String> fields = new LinkedHashMap<>(header.size() * 2);
        for (int i = 0; i < header.size(); i++) {
            fields.put(header.get(i), values.get(i));
        }
        return fields;
    }
}
