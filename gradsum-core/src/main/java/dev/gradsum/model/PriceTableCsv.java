package dev.gradsum.model;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.gradsum.exception.ConfigurationException;
import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Map;

/** Reads a price table: {@code model,input_per_million,output_per_million}, {@code #} comments. */
final class PriceTableCsv {
    private static final CsvMapper MAPPER = new CsvMapper();
    private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withHeader().withComments();

    private PriceTableCsv() {
    }

    static Map<String, Pricing.Price> read(String source, Reader reader) throws IOException {
        Map<String, Pricing.Price> prices = new HashMap<>();
        try (MappingIterator<Map<String, String>> rows =
                     MAPPER.readerForMapOf(String.class).with(SCHEMA).readValues(reader)) {
            while (rows.hasNextValue()) {
                int line = rows.getCurrentLocation().getLineNr();
                Map<String, String> row = rows.nextValue();
                String model = field(row, "model", source, line);
                Pricing.Price price = new Pricing.Price(
                        number(row, "input_per_million", source, line),
                        number(row, "output_per_million", source, line));
                prices.put(Pricing.normalise(model), price);
            }
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigurationException(source + ":" + line + ": not a price table row: "
                    + e.getOriginalMessage(), e);
        }
        return prices;
    }

    private static String field(Map<String, String> row, String name, String source, int line) {
        String value = row.get(name);
        if (value == null || value.isBlank()) {
            throw new ConfigurationException(source + ":" + line + ": missing " + name
                    + " (columns: model,input_per_million,output_per_million)");
        }
        return value.trim();
    }

    private static double number(Map<String, String> row, String name, String source, int line) {
        String value = field(row, name, source, line);
        try {
            double d = Double.parseDouble(value);
            if (!(d >= 0) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(source + ":" + line + ": " + name + " must be a number >= 0 (USD per million tokens), was \"" + value + "\"");
        }
    }
}
