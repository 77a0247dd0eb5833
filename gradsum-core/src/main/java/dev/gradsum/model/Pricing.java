package dev.gradsum.model;

import dev.gradsum.exception.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * USD prices per million input and output tokens, by model name. {@link #defaults()} knows common
 * OpenAI, Anthropic and Gemini models (list prices from the resource {@code dev/gradsum/pricing.csv},
 * which says when they were taken); users override or add entries. {@link #cost} of an unknown model is
 * 0 and {@link #knows(String)} says so: the call path counts such calls as unpriced
 * ({@link Usage#costUnknown()}), so outputs print the cost as unknown, never as $0. The simulated
 * world's models are in the table at 0: they are free.
 *
 * <p>A name matches case-insensitively, without a leading {@code vendor/} or {@code models/} path,
 * and also without a trailing date or version ({@code gpt-4o-2024-08-06} is priced as
 * {@code gpt-4o} unless the table names the dated model itself). Immutable.
 */
public final class Pricing {
    private static final String DEFAULTS = "dev/gradsum/pricing.csv";
    private static final String BATCH_SHARES = "dev/gradsum/batch-pricing.csv";
    private static final Pattern VERSION_SUFFIX =
            Pattern.compile("(-\\d{4}-\\d{2}-\\d{2}|-\\d{8}|-\\d{4}|-\\d{3}|-latest)$");

    /** Price of one model in USD per million tokens. */
    record Price(double inputPerMillion, double outputPerMillion) {
        Price {
            if (!(inputPerMillion >= 0) || !(outputPerMillion >= 0)) {
                throw new ConfigurationException("prices must be >= 0, were "
                        + inputPerMillion + " and " + outputPerMillion);
            }
        }
    }

    private final Map<String, Price> prices;

    private Pricing(Map<String, Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    /** The bundled list prices of common models. */
    public static Pricing defaults() {
        InputStream in = Pricing.class.getResourceAsStream("/" + DEFAULTS); // works in a named module too
        if (in == null) {
            throw new IllegalStateException("missing resource " + DEFAULTS);
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return new Pricing(PriceTableCsv.read(DEFAULTS, reader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** No prices: every model costs 0. */
    public static Pricing none() {
        return new Pricing(Map.of());
    }

    /**
     * Reads a price table in the format of the bundled {@code pricing.csv}
     * ({@code model,input_per_million,output_per_million}; {@code #} starts a comment).
     *
     * @throws ConfigurationException naming the file and line of a bad row
     */
    public static Pricing fromCsv(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Pricing(PriceTableCsv.read(file.toString(), reader));
        } catch (IOException e) {
            throw new ConfigurationException(file + ": cannot read price table: " + e.getMessage(), e);
        }
    }

    /** A copy with {@code model} priced at the given USD per million input / output tokens. */
    public Pricing with(String model, double inputPerMillion, double outputPerMillion) {
        Map<String, Price> copy = new HashMap<>(prices);
        copy.put(normalise(model), new Price(inputPerMillion, outputPerMillion));
        return new Pricing(copy);
    }

    /** A copy with every price of {@code overrides} added, replacing the same model here. */
    public Pricing withAll(Pricing overrides) {
        Map<String, Price> copy = new HashMap<>(prices);
        copy.putAll(overrides.prices);
        return new Pricing(copy);
    }

    public boolean knows(String model) {
        return price(model) != null;
    }

    /** Cost in USD of one call; 0 for a model without a price. */
    public double cost(String model, long inputTokens, long outputTokens) {
        Price p = price(model);
        if (p == null) {
            return 0;
        }
        return (inputTokens * p.inputPerMillion() + outputTokens * p.outputPerMillion()) / 1_000_000.0;
    }

    /**
     * Cost in USD of one call answered through {@code provider}'s batch API: {@link #cost} times the
     * provider's {@link #batchShare batch share}.
     */
    public double batchCost(String provider, String model, long inputTokens, long outputTokens) {
        return cost(model, inputTokens, outputTokens) * batchShare(provider);
    }

    /**
     * The share of the list price {@code provider}'s batch API charges (0.5 for OpenAI, Anthropic and Gemini,
     * from the bundled {@code dev/gradsum/batch-pricing.csv}, which cites the price pages); 1 for a provider
     * the table does not name. {@code provider} is LangChain4j's provider name ({@code OPEN_AI}, {@code ANTHROPIC}).
     */
    public static double batchShare(String provider) {
        return provider == null ? 1 : BatchShares.TABLE.getOrDefault(provider.toUpperCase(Locale.ROOT), 1.0);
    }

    /** The bundled batch shares, read once. */
    private static final class BatchShares {
        static final Map<String, Double> TABLE = read();

        private static Map<String, Double> read() {
            InputStream in = Pricing.class.getResourceAsStream("/" + BATCH_SHARES);
            if (in == null) {
                throw new IllegalStateException("missing resource " + BATCH_SHARES);
            }
            Map<String, Double> shares = new HashMap<>();
            try (java.io.BufferedReader r = new java.io.BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    String t = line.strip();
                    if (t.isEmpty() || t.startsWith("#") || t.startsWith("provider,")) {
                        continue;
                    }
                    String[] f = t.split(",");
                    shares.put(f[0].strip().toUpperCase(Locale.ROOT), Double.parseDouble(f[1].strip()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.copyOf(shares);
        }
    }

    private Price price(String model) {
        if (model == null) {
            return null;
        }
        String name = normalise(model);
        Price exact = prices.get(name);
        if (exact != null) {
            return exact;
        }
        String undated = VERSION_SUFFIX.matcher(name).replaceFirst("");
        return prices.get(undated);
    }

    static String normalise(String model) {
        String name = model.trim().toLowerCase(Locale.ROOT);
        int slash = name.lastIndexOf('/');
        return slash >= 0 ? name.substring(slash + 1) : name;
    }
}
