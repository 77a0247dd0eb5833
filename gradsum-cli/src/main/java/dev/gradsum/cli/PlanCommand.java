package dev.gradsum.cli;

import dev.gradsum.cli.plan.CallPlan;
import dev.gradsum.cli.plan.RoleEstimate;
import dev.gradsum.data.Split;
import dev.gradsum.engine.CallEstimate;
import dev.gradsum.model.Pricing;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.search.SearchOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code gradsum plan TASK.yaml}: calls, tokens and cost per role, without calling any model. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Print the calls and tokens each role will use and the cost range, without calling any model "
                + "(needs no API key).")
final class PlanCommand implements Callable<Integer> {
    /** Columns the plan fits in. */
    static final int WIDTH = 100;
    private static final int MIN_MODEL_WIDTH = 20;

    private final Cli cli;

    @Parameters(index = "0", paramLabel = "TASK.yaml", description = "The task file.")
    String taskFile;

    @Mixin
    SearchFlags search = new SearchFlags();

    PlanCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        TaskRun run = TaskRun.load(taskFile, search, null);
        CallPlan plan = CallPlan.of(run.setup, run.options, MetaPrompts.defaults());
        print(cli.out(), run, plan);
        return ExitCode.OK;
    }

    private static void print(PrintStream out, TaskRun run, CallPlan plan) {
        SearchOptions o = run.options;
        Split.Sizes z = run.setup.sizes();
        out.println("Plan for " + run.file.name() + " (no model is called)");
        printWrapped(out, "  ", List.of("search: beam " + o.beamSize(), "up to " + o.iterations() + " iterations",
                o.candidatesPerPrompt() + " candidates per prompt", "minibatch " + Math.min(o.minibatchSize(), z.train()),
                "patience " + o.patience(), "summarize " + (o.summarize() ? "on" : "off (ablation)"),
                "stop when learned " + (o.stopWhenLearned() ? "on" : "off")), ", ");
        out.println("  rows: train " + z.train() + ", validation " + z.validation() + ", test " + z.test());
        out.println("  evaluation: " + run.evaluation());
        out.println();
        Pricing pricing = run.pricing;
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"role", "model", "calls", "expected", "in tokens", "out tokens", "USD"});
        for (RoleEstimate e : plan.roles()) {
            if (e.unused()) {
                continue;
            }
            double[] c = e.cost(pricing);
            rows.add(new String[] {e.role().key(), e.provider() + "/" + e.model(), range(e.calls()),
                    String.format(Locale.ROOT, "%,d", e.expectedCalls()), tokens(e.inputTokens()),
                    tokens(e.outputTokens()), e.priced(pricing) ? money(c[0], c[1]) : "unknown"});
        }
        double[] cost = plan.cost(pricing);
        rows.add(new String[] {"total", "", range(plan.totalCalls()), String.format(Locale.ROOT, "%,d", plan.expectedCalls()),
                "", "", money(cost[0], cost[1])});
        printTable(out, rows);
        double[] batched = plan.batchCost(pricing);
        if (batched[1] < cost[1]) {
            // the online total is the table's last row: side by side
            out.println("  with batch: true   " + money(batched[0], batched[1])
                    + " USD (validation and test calls of target and judge at the batch price)");
        }
        List<String> unpriced = plan.unpriced(pricing);
        if (!unpriced.isEmpty()) {
            printWrapped(out, "  ", "no price for " + String.join(", ", unpriced)
                    + " (counted as $0; add it under pricing: in the task file)");
        }
        if (run.budget.usd() != null && cost[1] > run.budget.usd()) {
            out.println(String.format(Locale.ROOT, "  budget.usd %.2f may stop the run early (high estimate $%.2f)",
                    run.budget.usd(), cost[1]));
        }
        out.println();
        printWrapped(out, "", "Per iteration, for each of b beam prompts (b = 1 in iteration 1, then up to " + o.beamSize()
                + "): m generations, up to m judge calls (LLM judge only), up to m gradient calls, 1 summary, "
                + "1 edit + up to K repairs; then the new prompts (1 + K in iteration 1, later up to b·K) × v "
                + "validation generations and judge calls. Final test: up to 2 × t generations (and judge calls). "
                + "calls: the fewest and the most a search makes; expected: what it makes on average (docs/cli.md).");
        printWrapped(out, "", "Assumptions: " + CallPlan.ASSUMPTIONS);
    }

    /**
     * Two-space indent; text columns (role, model) left-aligned, figures right-aligned, each as wide as
     * needed, except that a model name too long to fit {@link #WIDTH} loses its middle to an ellipsis.
     */
    private static void printTable(PrintStream out, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        int total = 1 + Arrays.stream(width).map(w -> w + 1).sum();
        width[1] = Math.max(MIN_MODEL_WIDTH, width[1] - Math.max(0, total - WIDTH));
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < row.length; i++) {
                String cell = i == 1 ? shortened(row[i], width[i]) : row[i];
                String pad = " ".repeat(width[i] - cell.length());
                line.append(' ').append(i < 2 ? cell + pad : pad + cell);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** {@code openai-compatible/a-rathe…del-name-q4}: the provider and the end of the name stay readable. */
    private static String shortened(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        int head = (width - 1) / 2 + (width - 1) % 2;
        return text.substring(0, head) + "…" + text.substring(text.length() - (width - 1 - head));
    }

    /** Prose after {@code indent}, broken between words so that no line is wider than {@link #WIDTH}. */
    private static void printWrapped(PrintStream out, String indent, String text) {
        printWrapped(out, indent, List.of(text.split(" ")), " ");
    }

    /** {@code pieces} joined by {@code separator}, broken between pieces (the separator, trimmed, ends the line). */
    private static void printWrapped(PrintStream out, String indent, List<String> pieces, String separator) {
        StringBuilder line = new StringBuilder(indent);
        String lineEnd = separator.stripTrailing();
        for (int i = 0; i < pieces.size(); i++) {
            String piece = pieces.get(i);
            boolean first = line.length() == indent.length();
            int end = i + 1 < pieces.size() ? lineEnd.length() : 0;
            if (!first && line.length() + separator.length() + piece.length() + end > WIDTH) {
                out.println(line.append(lineEnd));
                line.setLength(0);
                line.append(indent);
            } else if (!first) {
                line.append(separator);
            }
            line.append(piece);
        }
        out.println(line);
    }

    /** {@code 12.3k–45.6k}: token counts are estimates, three figures say enough. */
    private static String tokens(CallEstimate.Range r) {
        return r.low() == r.high() ? tokens(r.high()) : tokens(r.low()) + "–" + tokens(r.high());
    }

    private static String tokens(long n) {
        return n >= 1_000_000 ? String.format(Locale.ROOT, "%.1fM", n / 1e6)
                : n >= 1000 ? String.format(Locale.ROOT, "%.1fk", n / 1e3) : String.valueOf(n);
    }

    private static String range(CallEstimate.Range r) {
        return r.low() == r.high() ? String.format(Locale.ROOT, "%,d", r.high())
                : String.format(Locale.ROOT, "%,d–%,d", r.low(), r.high());
    }

    private static String money(double low, double high) {
        String from = String.format(Locale.ROOT, "%.2f", low);
        String to = String.format(Locale.ROOT, "%.2f", high);
        return from.equals(to) ? to : from + "–" + to;
    }
}
