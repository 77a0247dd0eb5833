package dev.gradsum.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradsum.model.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes the benchmark table as Markdown ({@code bench.md}, also printed) and JSON ({@code bench.json}).
 * A score is the test mean with its 95% interval; under it, what the search spent: paid calls, tokens
 * and cost. A simulated table says SIMULATION in its title and in every row.
 */
public final class TableWriter {
    public static final String MARKDOWN = "bench.md";
    public static final String JSON = "bench.json";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TableWriter() {
    }

    /** Writes both files into {@code folder} (created if needed) and returns the Markdown. */
    public static String write(BenchResult result, Path folder) {
        String markdown = markdown(result);
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(MARKDOWN), markdown, StandardCharsets.UTF_8);
            Files.writeString(folder.resolve(JSON), MAPPER.writeValueAsString(json(result)) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark table to " + folder + ": " + e.getMessage(), e);
        }
        return markdown;
    }

    public static String markdown(BenchResult r) {
        StringBuilder md = new StringBuilder();
        md.append("# gradsum benchmark: ").append(r.suite()).append(r.simulated() ? " (SIMULATION)" : "").append("\n\n");
        if (r.simulated()) {
            md.append("**SIMULATION**: every model below is gradsum's simulated world (deterministic rules, no "
                    + "language model). These figures exercise the machinery; they say nothing about real models. "
                    + "Test scores are the world's ground truth (is each answer truly right), not a judge's rating.\n\n");
        }
        md.append(String.format(Locale.ROOT, "Cells: test score (mean over the test rows) [95%% bootstrap interval]; "
                + "below it what the search spent: paid calls · tokens · cost. Same split and budget for every column; "
                + "iterations/rounds %d, seed %d, budget per search: %s.%n%n",
                r.settings().iterations(), r.settings().seed(), budget(r)));
        md.append("| task | train/val/test |");
        r.columnLabels().forEach(l -> md.append(' ').append(l).append(" |"));
        md.append("\n|---|---|");
        r.columns().forEach(c -> md.append("---|"));
        md.append('\n');
        for (Row row : r.rows()) {
            md.append("| ").append(row.simulated() && !row.label().startsWith("SIMULATION") ? "SIMULATION " : "")
                    .append(row.label()).append(" | ").append(row.trainRows()).append('/').append(row.validationRows())
                    .append('/').append(row.testRows()).append(" |");
            for (Cell c : row.cells()) {
                md.append(' ').append(score(c.test()));
                if (!c.optimizer().equals(Optimizers.INITIAL)) {
                    md.append("<br>").append(spent(c.usage()));
                }
                md.append(" |");
            }
            md.append('\n');
        }
        if (!r.skipped().isEmpty()) {
            md.append("\nSkipped (not run):\n\n");
            r.skipped().forEach(s -> md.append("- ").append(s.key()).append(": ").append(s.reason()).append('\n'));
        }
        Usage rating = r.rows().stream().map(Row::testRating).reduce(Usage.ZERO, Usage::plus);
        md.append("\nRating the returned prompts on the test rows (not in the cells): ").append(spent(rating)).append(".\n");
        return md.toString();
    }

    /** Writes the multi-seed table of each world into {@code folder} and returns the Markdown of all. */
    public static String writeSeeds(List<SeedBench.Result> results, Path folder) {
        StringBuilder markdown = new StringBuilder();
        ArrayNode json = MAPPER.createArrayNode();
        for (SeedBench.Result r : results) {
            markdown.append(seedMarkdown(r)).append('\n');
            json.add(seedJson(r));
        }
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(MARKDOWN), markdown.toString(), StandardCharsets.UTF_8);
            Files.writeString(folder.resolve(JSON), MAPPER.writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark table to " + folder + ": " + e.getMessage(), e);
        }
        return markdown.toString();
    }

    /**
     * One world over its seeds: a row per optimizer with the test score's mean ± SD and 95% interval
     * over seeds, the paired p-value against GRAD-SUM, mean calls, calls to 95% of its own final score,
     * calls to reach GRAD-SUM's final score (and on how many seeds with at most half its calls), cost,
     * and the share of accepted children that were truly worse than their parent.
     */
    public static String seedMarkdown(SeedBench.Result r) {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(r.label()).append(", ").append(r.seeds().size()).append(" seeds\n\n");
        Row first = r.rows().get(0);
        md.append(String.format(Locale.ROOT, "Split %d/%d/%d (train/validation/test) drawn anew for each seed %s; "
                + "iterations/rounds %d; budget per search: %s. Test score: the world's ground truth on the test "
                + "rows (not the judge). Means over seeds; the interval is Student's t over "
                + "seeds; p: paired two-sided sign-flip permutation test against GRAD-SUM over the same seeds "
                + "(exact over all 2^n flips up to 20 seeds).%n%n", first.trainRows(), first.validationRows(), first.testRows(),
                r.seeds(), r.settings().iterations(), budget(r.settings())));
        md.append("| optimizer | test mean ± SD | 95% interval | p vs GRAD-SUM | calls | calls to 95% of own final "
                + "| calls to reach GRAD-SUM's final (seeds) | ≤ ½ GRAD-SUM's calls | cost | accepted children truly worse |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (SeedSummary s : r.summaries()) {
            md.append("| ").append(s.label())
                    .append(String.format(Locale.ROOT, " | %.3f ± %.3f | [%.3f, %.3f] | %s | %,.0f | %s | %s (%d/%d) | %d/%d | $%.2f | %s |%n",
                            s.mean(), s.sd(), s.low(), s.high(), Double.isNaN(s.pValue()) ? "(reference)"
                                    : String.format(Locale.ROOT, "%.3f", s.pValue()),
                            s.calls(), whole(s.callsTo95()), whole(s.callsToReference()), s.reachedReference(), s.seeds(),
                            s.reachedWithHalf(), s.seeds(), s.costUsd(), share(s)));
        }
        return md.toString();
    }

    private static String whole(double v) {
        return Double.isNaN(v) ? "never" : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String share(SeedSummary s) {
        if (s.trulyWorse() < 0) {
            return "unknown";
        }
        return s.accepted() == 0 ? "none accepted"
                : String.format(Locale.ROOT, "%.1f%% (%d of %d)", 100 * s.trulyWorseShare(), s.trulyWorse(), s.accepted());
    }

    static ObjectNode seedJson(SeedBench.Result r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("world", r.world()).put("label", r.label()).put("simulated", true);
        ArrayNode seeds = root.putArray("seeds");
        r.seeds().forEach(seeds::add);
        root.put("iterations", r.settings().iterations()).put("budget", budget(r.settings()));
        ArrayNode rows = root.putArray("optimizers");
        for (int c = 0; c < r.summaries().size(); c++) {
            SeedSummary s = r.summaries().get(c);
            ObjectNode o = rows.addObject();
            o.put("key", s.key()).put("label", s.label());
            number(o, "mean", s.mean());
            number(o, "sd", s.sd());
            number(o, "low", s.low());
            number(o, "high", s.high());
            number(o, "pValue", s.pValue());
            number(o, "calls", s.calls());
            number(o, "costUsd", s.costUsd());
            number(o, "callsTo95", s.callsTo95());
            number(o, "callsToReference", s.callsToReference());
            o.put("reachedReference", s.reachedReference()).put("reachedWithHalf", s.reachedWithHalf())
                    .put("accepted", s.accepted()).put("trulyWorse", s.trulyWorse());
            ArrayNode perSeed = o.putArray("perSeed");
            for (Row row : r.rows()) {
                Cell cell = row.cells().get(c);
                ObjectNode one = perSeed.addObject();
                number(one, "test", cell.test().mean());
                one.put("calls", cell.usage().calls()).put("accepted", cell.accepted()).put("trulyWorse", cell.trulyWorse());
                ArrayNode progress = one.putArray("progress");
                cell.progress().forEach(p -> {
                    ObjectNode point = progress.addObject().put("calls", p.calls());
                    number(point, "test", p.test());
                });
            }
        }
        return root;
    }

    static String score(MeanInterval m) {
        if (m.rated() == 0) {
            return "n/a (" + m.errors() + " unrated)";
        }
        String s = String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", m.mean(), m.low(), m.high());
        return m.errors() == 0 ? s : s + " (" + m.errors() + " unrated)";
    }

    static String spent(Usage u) {
        return String.format(Locale.ROOT, "%,d calls · %s tok · $%.2f", u.calls(), tokens(u.totalTokens()), u.costUsd());
    }

    private static String tokens(long n) {
        if (n >= 1_000_000) {
            return String.format(Locale.ROOT, "%.2fM", n / 1e6);
        }
        if (n >= 1_000) {
            return String.format(Locale.ROOT, "%.1fk", n / 1e3);
        }
        return String.valueOf(n);
    }

    private static String budget(BenchResult r) {
        return budget(r.settings());
    }

    private static String budget(BenchSettings settings) {
        var b = settings.budget();
        StringBuilder s = new StringBuilder();
        if (b.usd() != null) s.append(String.format(Locale.ROOT, "$%.2f ", b.usd()));
        if (b.calls() != null) s.append(b.calls()).append(" calls ");
        if (b.tokens() != null) s.append(b.tokens()).append(" tokens ");
        return s.length() == 0 ? "none" : s.toString().strip();
    }

    static ObjectNode json(BenchResult r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("suite", r.suite());
        root.put("simulated", r.simulated());
        if (r.simulated()) {
            root.put("note", "SIMULATION: gradsum's simulated world, no language model");
        }
        ObjectNode settings = root.putObject("settings");
        settings.put("iterations", r.settings().iterations());
        settings.put("seed", r.settings().seed());
        settings.put("bootstrap", r.settings().bootstrap());
        settings.put("budget", budget(r));
        ArrayNode columns = root.putArray("columns");
        for (int i = 0; i < r.columns().size(); i++) {
            columns.addObject().put("key", r.columns().get(i)).put("label", r.columnLabels().get(i));
        }
        ArrayNode rows = root.putArray("rows");
        for (Row row : r.rows()) {
            ObjectNode o = rows.addObject();
            o.put("task", row.key()).put("label", row.label()).put("data", row.data()).put("simulated", row.simulated());
            o.putObject("split").put("train", row.trainRows()).put("validation", row.validationRows()).put("test", row.testRows());
            ObjectNode cells = o.putObject("cells");
            for (Cell c : row.cells()) {
                ObjectNode cell = cells.putObject(c.optimizer());
                number(cell, "score", c.test().mean());
                number(cell, "low", c.test().low());
                number(cell, "high", c.test().high());
                cell.put("rated", c.test().rated()).put("unrated", c.test().errors());
                usage(cell.putObject("search"), c.usage());
                cell.put("elapsedMs", c.elapsedMs()).put("stopReason", c.stopReason()).put("bestPrompt", c.bestPrompt());
            }
            usage(o.putObject("testRating"), row.testRating());
        }
        ArrayNode skipped = root.putArray("skipped");
        r.skipped().forEach(s -> skipped.addObject().put("task", s.key()).put("reason", s.reason()));
        return root;
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, Math.round(value * 10000) / 10000.0);
        }
    }

    private static void usage(ObjectNode node, Usage u) {
        node.put("calls", u.calls()).put("cachedCalls", u.cachedCalls()).put("retries", u.retries())
                .put("failures", u.failures()).put("inputTokens", u.inputTokens()).put("outputTokens", u.outputTokens())
                .put("costUsd", Math.round(u.costUsd() * 1e6) / 1e6);
    }
}
