package dev.gradsum.cli;

import dev.gradsum.cli.plan.CallPlan;
import dev.gradsum.cli.plan.RoleEstimate;
import dev.gradsum.cli.taskfile.TaskSetup;
import dev.gradsum.llm.Pricing;
import dev.gradsum.modules.MetaPrompts;
import dev.gradsum.search.SearchOptions;
import java.io.PrintStream;
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
        TaskSetup.SplitSizes z = run.setup.sizes();
        out.println("Plan for " + run.file.name() + " (no model is called)");
        out.println("  search: beam " + o.beamSize() + ", up to " + o.iterations() + " iterations, "
                + o.candidatesPerPrompt() + " candidates per prompt, minibatch " + Math.min(o.minibatchSize(), z.train())
                + ", patience " + o.patience() + ", summarize " + (o.summarize() ? "on" : "off (ablation)"));
        out.println("  rows: train " + z.train() + ", validation " + z.validation() + ", test " + z.test());
        out.println("  evaluation: " + run.evaluation());
        out.println();
        out.println(String.format(Locale.ROOT, "  %-11s %-34s %17s %23s %23s %21s", "role", "model", "calls",
                "input tokens", "output tokens", "cost USD"));
        Pricing pricing = run.pricing;
        for (RoleEstimate e : plan.roles()) {
            if (e.unused()) {
                continue;
            }
            String cost = pricing.knows(e.model())
                    ? money(pricing.cost(e.model(), e.inputTokens().low(), e.outputTokens().low()),
                            pricing.cost(e.model(), e.inputTokens().high(), e.outputTokens().high()))
                    : "price unknown";
            out.println(String.format(Locale.ROOT, "  %-11s %-34s %17s %23s %23s %21s", e.role().key(),
                    e.provider() + "/" + e.model(), range(e.calls()), range(e.inputTokens()), range(e.outputTokens()), cost));
        }
        double[] cost = plan.cost(pricing);
        out.println(String.format(Locale.ROOT, "  %-11s %-34s %17s %23s %23s %21s", "total", "", range(plan.totalCalls()),
                "", "", money(cost[0], cost[1])));
        List<String> unpriced = plan.unpriced(pricing);
        if (!unpriced.isEmpty()) {
            out.println("  no price for " + String.join(", ", unpriced)
                    + " (counted as $0; add it under pricing: in the task file)");
        }
        if (run.budget.usd() != null && cost[1] > run.budget.usd()) {
            out.println(String.format(Locale.ROOT, "  budget.usd %.2f may stop the run early (high estimate $%.2f)",
                    run.budget.usd(), cost[1]));
        }
        out.println();
        out.println("Per iteration, for each of b beam prompts (b = 1 in iteration 1, then up to " + o.beamSize()
                + "): m generations, up to m judge calls (LLM judge only), up to m gradient calls, 1 summary, "
                + "1 edit + up to K repairs; then (b + b·K) × v validation generations and judge calls. "
                + "Final test: 2 × t generations (and judge calls).");
        out.println("Assumptions: " + CallPlan.ASSUMPTIONS);
    }

    private static String range(RoleEstimate.Range r) {
        return r.low() == r.high() ? String.format(Locale.ROOT, "%,d", r.high())
                : String.format(Locale.ROOT, "%,d–%,d", r.low(), r.high());
    }

    private static String money(double low, double high) {
        return String.format(Locale.ROOT, "%.2f–%.2f", low, high);
    }
}
