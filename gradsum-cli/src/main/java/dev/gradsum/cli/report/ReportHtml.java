package dev.gradsum.cli.report;

import static dev.gradsum.cli.report.HtmlEscape.of;
import static dev.gradsum.cli.report.LineageSection.score;

import dev.gradsum.data.PromptTemplate;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.recording.RunDescription;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.TestScore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no script, no network) that shows
 * what a run did: the test result, the score per iteration, the lineage of the best prompt, the
 * initial and best prompt as a word diff, what each iteration learned, sample failures before and
 * after, and usage. A Content-Security-Policy forbids scripts and remote loads as a second guard
 * behind escaping.
 */
final class ReportHtml {
    private static final String CSS = loadCss();
    private static final int SAMPLE_ROWS = 8;

    private final RunInfo info;
    private final OptimizationResult result;
    private final TestEvaluations tests;
    private final CandidateIndex index;

    ReportHtml(RunInfo info, OptimizationResult result, TestEvaluations tests, CandidateIndex index) {
        this.info = info;
        this.result = result;
        this.tests = tests;
        this.index = index;
    }

    String render() {
        StringBuilder s = new StringBuilder(64 * 1024);
        s.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">")
                .append("<title>gradsum · ").append(of(info.taskName())).append("</title><style>").append(CSS)
                .append("</style></head><body><main>");
        header(s);
        chart(s);
        LineageSection lineage = new LineageSection(result, index);
        lineage.lineage(s);
        diff(s);
        lineage.iterations(s);
        failures(s);
        usage(s);
        config(s);
        s.append("<footer>Written by gradsum for run <span class=\"mono\">").append(of(info.runId()))
                .append("</span>. Self-contained: this page loads nothing from the network. Machine-readable: ")
                .append("<span class=\"mono\">result.json</span> in the same folder.</footer>");
        return s.append("</main></body></html>\n").toString();
    }

    private void header(StringBuilder s) {
        s.append("<header><p class=\"muted small\">gradsum report · run <span class=\"mono\">").append(of(info.runId()))
                .append("</span> · started ")
                .append(of(info.started().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())).append("</p>");
        s.append("<h1>").append(of(info.taskName())).append("</h1>");
        if (!info.taskDescription().isBlank()) s.append("<p class=\"description\">").append(of(info.taskDescription())).append("</p>");
        if (info.simulated()) {
            s.append("<p class=\"simulation\">SIMULATION: these results come from gradsum's simulated world, ")
                    .append("deterministic stand-in models over a synthetic task, not from real language models.</p>");
        }
        s.append("<nav class=\"toc\"><a href=\"#chart\">Scores</a><a href=\"#lineage\">Lineage</a><a href=\"#diff\">Prompt diff</a>")
                .append("<a href=\"#summaries\">Summaries</a><a href=\"#failures\">Failures</a><a href=\"#usage\">Usage</a>")
                .append("<a href=\"#config\">Configuration</a></nav>");
        s.append("<div class=\"cards\">");
        TestScore t = result.test();
        if (t != null) {
            double d = t.difference();
            card(s, "Test score", score(t.initial()) + " → " + score(t.best()),
                    "<span class=\"" + (d >= 0 ? "up" : "down") + "\">" + signed(d) + "</span> · 95% CI "
                            + signed(t.low()) + " … " + signed(t.high()) + " · " + t.rows() + " rows"
                            + (t.initialErrors() + t.bestErrors() > 0
                                    ? " · unrated: " + t.initialErrors() + " initial, " + t.bestErrors() + " best" : ""));
        } else {
            card(s, "Test score", "n/a", "no test split");
        }
        card(s, "Best prompt", of(result.best().id()), "validation " + validation(result.best().id()));
        card(s, "Stop reason", of(stopReason()), result.iterations().size() + " iteration(s) · " + elapsed());
        Usage total = result.total() == null ? Usage.ZERO : result.total();
        card(s, "Cost", cost(total), UsageText.requests(total) + " · "
                + String.format(Locale.ROOT, "%,d", total.totalTokens()) + " tokens" + UsageText.estimated(total));
        s.append("</div></header>");
    }

    private static void card(StringBuilder s, String label, String valueHtml, String detailHtml) {
        s.append("<div class=\"card\"><div class=\"label\">").append(of(label)).append("</div><div class=\"value\">")
                .append(valueHtml).append("</div><div class=\"detail\">").append(detailHtml).append("</div></div>");
    }

    private void chart(StringBuilder s) {
        s.append("<section id=\"chart\"><h2>Score per iteration</h2><div class=\"chart-wrap\">")
                .append(ScoreChart.svg(result.iterations())).append("</div>")
                .append("<div class=\"legend\"><span><span class=\"swatch line\"></span>best validation score</span>")
                .append("<span><span class=\"swatch beam\"></span>kept in the beam</span>")
                .append("<span><span class=\"swatch other\"></span>other candidates</span></div></section>");
    }

    private void diff(StringBuilder s) {
        s.append("<section id=\"diff\"><h2>Initial and best prompt</h2>");
        PromptTemplate initial = result.initial().prompt();
        PromptTemplate best = result.best().prompt();
        if (initial.text().equals(best.text())) s.append("<p class=\"muted\">The best prompt is the initial prompt: no candidate beat it.</p>");
        if (!initial.isChat()) {
            diffColumns(s, initial.text(), best.text(), "");
        } else {
            for (PromptTemplate.Message m : initial.messages()) {
                String after = best.message(m.name()).map(b -> b.template().text()).orElse("");
                s.append("<h3 class=\"message\">").append(of(m.name())).append(" message")
                        .append(m.optimized() ? " (optimized)" : " (kept as written)").append("</h3>");
                diffColumns(s, m.template().text(), after, " " + m.name());
            }
        }
        s.append("<p class=\"legend\"><span><del>removed</del></span><span><ins>added</ins></span></p></section>");
    }

    /** Initial and best text side by side, words removed and added marked. */
    private void diffColumns(StringBuilder s, String before, String after, String what) {
        StringBuilder left = new StringBuilder();
        StringBuilder right = new StringBuilder();
        for (WordDiff.Piece p : WordDiff.diff(before, after)) {
            String text = of(p.text());
            switch (p.kind()) {
                case EQUAL -> { left.append(text); right.append(text); }
                case DELETE -> left.append("<del>").append(text).append("</del>");
                case INSERT -> right.append("<ins>").append(text).append("</ins>");
            }
        }
        s.append("<div class=\"diff\"><div class=\"col\"><h3>Initial").append(of(what)).append(" <span class=\"id\">")
                .append(of(result.initial().id()))
                .append("</span></h3><pre class=\"prompt-before\">").append(left).append("</pre></div>")
                .append("<div class=\"col\"><h3>Best").append(of(what)).append(" <span class=\"id\">").append(of(result.best().id()))
                .append("</span></h3><pre class=\"prompt-after\">").append(right).append("</pre></div></div>");
    }

    private void failures(StringBuilder s) {
        s.append("<section id=\"failures\"><h2>Sample failures before and after</h2>");
        if (tests.isEmpty()) {
            s.append("<p class=\"muted\">No per-row test results were recorded for this run.</p></section>");
            return;
        }
        List<FailureSamples.Row> rows = FailureSamples.initialFailures(tests, SAMPLE_ROWS);
        long failed = FailureSamples.countInitialFailures(tests);
        long fixed = FailureSamples.initialFailures(tests, Integer.MAX_VALUE).stream().filter(FailureSamples.Row::fixed).count();
        s.append("<p>The initial prompt failed ").append(failed).append(" of ").append(tests.initial().size())
                .append(" test rows; the best prompt passes ").append(fixed).append(" of those.");
        if (rows.size() < failed) s.append(" Showing ").append(rows.size()).append(", fixed ones first.");
        s.append("</p>");
        rows.forEach(r -> sample(s, r));
        List<FailureSamples.Row> regressions = FailureSamples.regressions(tests, SAMPLE_ROWS / 2);
        if (!regressions.isEmpty()) {
            s.append("<h3>Rows the best prompt newly fails</h3>");
            regressions.forEach(r -> sample(s, r));
        }
        s.append("</section>");
    }

    private void sample(StringBuilder s, FailureSamples.Row row) {
        Evaluation initial = row.initial();
        s.append("<div class=\"sample\"><div class=\"node-head\"><span class=\"muted small\">row</span> <span class=\"id\">")
                .append(of(initial.generation().example().id())).append("</span>")
                .append(FailureSamples.passed(initial) ? "<span class=\"badge bad\">regressed</span>"
                        : row.fixed() ? "<span class=\"badge ok\">fixed</span>" : "<span class=\"badge bad\">still failing</span>")
                .append("</div><dl class=\"fields\">");
        for (Map.Entry<String, String> f : initial.generation().example().fields().entrySet()) {
            s.append("<dt>").append(of(f.getKey())).append("</dt><dd><pre>").append(of(f.getValue())).append("</pre></dd>");
        }
        s.append("</dl><div class=\"answers\">");
        answer(s, "Initial prompt answered", initial);
        answer(s, "Best prompt answered", row.best());
        s.append("</div></div>");
    }

    private static void answer(StringBuilder s, String title, Evaluation e) {
        s.append("<div class=\"answer\"><h4>").append(of(title)).append(' ');
        if (e == null) {
            s.append("<span class=\"badge\">not rated</span></h4></div>");
            return;
        }
        boolean rated = FailureSamples.rated(e);
        s.append(!rated ? "<span class=\"badge\">error</span>" : e.score().passed()
                ? "<span class=\"badge ok\">pass " + score(e.score().value()) + "</span>"
                : "<span class=\"badge bad\">fail " + score(e.score().value()) + "</span>");
        s.append("</h4>");
        if (!e.generation().reasoning().isBlank()) { // the model's reasoning, kept apart from the answer: collapsed
            s.append("<details class=\"small\"><summary>model reasoning</summary><pre>").append(of(e.generation().reasoning()))
                    .append("</pre></details>");
        }
        s.append("<pre>").append(of(e.generation().failed() ? e.generation().error() : e.generation().output())).append("</pre>");
        if (!e.score().reason().isBlank()) s.append("<div class=\"reason\">").append(of(e.score().reason())).append("</div>");
        s.append("</div>");
    }

    private void usage(StringBuilder s) {
        s.append("<section id=\"usage\"><h2>Usage and cost</h2><div class=\"table-wrap\"><table><thead><tr>")
                .append("<th>role</th><th>model</th><th class=\"num\">requests</th><th class=\"num\">paid</th><th class=\"num\">from cache</th>")
                .append("<th class=\"num\">retries</th><th class=\"num\">failures</th><th class=\"num\">input tokens</th>")
                .append("<th class=\"num\">output tokens</th><th class=\"num\">cost</th></tr></thead><tbody>");
        for (Role role : Role.values()) {
            Usage u = result.usage().get(role);
            RunDescription.Model m = info.models().get(role);
            if (u == null && m == null) continue;
            usageRow(s, role.key(), m == null ? "" : m.toString(), u == null ? Usage.ZERO : u, "");
        }
        usageRow(s, "total", "", result.total() == null ? Usage.ZERO : result.total(), " class=\"total\"");
        Usage total = result.total() == null ? Usage.ZERO : result.total();
        s.append("</tbody></table></div><p class=\"small muted\">Cost counts paid requests only; requests answered from the cache are free. ")
                .append(total.costUnknown() || total.tokensEstimated()
                        ? "A model without a known price makes the cost unknown; tokens marked estimated were counted by gradsum "
                                + "because the server reported none."
                        : "A model without a known price counts $0.")
                .append("</p></section>");
    }

    private static void usageRow(StringBuilder s, String role, String model, Usage u, String attrs) {
        s.append("<tr").append(attrs).append("><td>").append(of(role)).append("</td><td class=\"mono\">").append(of(model))
                .append("</td>");
        for (long n : new long[] {u.requests(), u.calls(), u.cachedCalls(), u.retries(), u.failures(), u.inputTokens(), u.outputTokens()}) {
            s.append("<td class=\"num\">").append(String.format(Locale.ROOT, "%,d", n)).append("</td>");
        }
        s.append("<td class=\"num\">").append(cost(u)).append(u.tokensEstimated() ? " · tokens estimated" : "")
                .append("</td></tr>");
    }

    /** The cost in the report's precision, or what {@link UsageText#cost} says when a price is unknown. */
    private static String cost(Usage u) {
        return u.costUnknown() ? UsageText.cost(u, 4) : usd(u.costUsd());
    }

    private void config(StringBuilder s) {
        var o = info.search();
        var b = info.budget();
        s.append("<section id=\"config\"><h2>Configuration</h2><div class=\"table-wrap\"><table><tbody>");
        row(s, "task file", info.taskFile() == null ? "(library call)" : info.taskFile().toString());
        row(s, "beam", String.valueOf(o.beam()));
        row(s, "iterations", String.valueOf(o.iterations()));
        row(s, "candidates per prompt", String.valueOf(o.candidates()));
        row(s, "minibatch", String.valueOf(o.minibatch()));
        row(s, "patience", String.valueOf(o.patience()));
        row(s, "summarize", String.valueOf(o.summarize()));
        row(s, "seed", String.valueOf(o.seed()));
        LaterSearchKnobs.changed(o).forEach((name, value) -> row(s, name.replace('_', ' '), String.valueOf(value)));
        row(s, "budget", "usd " + (b.usd() == null ? "∞" : b.usd()) + " · calls " + (b.calls() == null ? "∞" : b.calls())
                + " · tokens " + (b.tokens() == null ? "∞" : b.tokens()));
        info.settings().forEach((k, v) -> row(s, k, v));
        s.append("</tbody></table></div></section>");
    }

    private static void row(StringBuilder s, String key, String value) {
        s.append("<tr><th>").append(of(key)).append("</th><td><pre>").append(of(value)).append("</pre></td></tr>");
    }

    private String validation(String id) {
        var sc = index.latestScore(id);
        return sc == null ? "n/a" : ScoreText.onRows(sc.score(), sc.rated(), sc.errors());
    }

    private String stopReason() {
        if (result.stopReason() == null) return "unknown";
        return switch (result.stopReason()) {
            case COMPLETED -> "all iterations ran";
            case NO_IMPROVEMENT -> "no improvement for " + info.search().patience() + " iterations";
            case BUDGET -> "budget reached";
            case INTERRUPTED -> "interrupted";
            case NOTHING_TO_LEARN -> "nothing left to learn: the best prompt passed every validation row and its"
                    + " minibatch gave no gradient";
        };
    }

    private String elapsed() {
        if (result.elapsed() == null) return "time unknown";
        long secs = result.elapsed().toSeconds();
        return secs >= 60 ? String.format(Locale.ROOT, "%d min %02d s", secs / 60, secs % 60) : secs + " s";
    }

    private static String signed(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.3f", v) : ScoreText.NONE;
    }

    private static String usd(double v) {
        return String.format(Locale.ROOT, v < 1 ? "$%.4f" : "$%.2f", v);
    }

    private static String loadCss() {
        try (InputStream in = ReportHtml.class.getResourceAsStream("report.css")) {
            if (in == null) throw new IllegalStateException("report.css missing from the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
