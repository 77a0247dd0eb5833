package dev.gradsum.cli.plan;

import dev.gradsum.cli.provider.ModelSpec;
import dev.gradsum.cli.provider.Provider;
import dev.gradsum.cli.taskfile.TaskFile;
import dev.gradsum.cli.taskfile.TaskSetup;
import dev.gradsum.engine.CallEstimate.Range;
import dev.gradsum.engine.CallEstimate;
import dev.gradsum.model.Pricing;
import dev.gradsum.model.Role;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.search.SearchOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The library's {@link CallEstimate} of a task file's search, with the model that plays each role and
 * its price (README, "Calls and tokens"). The counting is the library's; this adds the task file's
 * models (after the fallbacks of {@link TaskFile#model}) and the cost from the price table.
 */
public final class CallPlan {
    /** What the estimate assumes, for users. */
    public static final String ASSUMPTIONS = CallEstimate.ASSUMPTIONS;

    private final List<RoleEstimate> roles;
    private final CallEstimate estimate;

    private CallPlan(List<RoleEstimate> roles, CallEstimate estimate) {
        this.roles = List.copyOf(roles);
        this.estimate = estimate;
    }

    /** The estimate of searching {@code setup}'s task on its split; the target's max_tokens caps answers. */
    public static CallPlan of(TaskSetup setup, SearchOptions options, MetaPrompts metaPrompts) {
        TaskFile file = setup.file();
        CallEstimate estimate = CallEstimate.of(setup.task(), setup.split(), options, metaPrompts,
                file.model(Role.TARGET).maxTokens());
        List<RoleEstimate> roles = new ArrayList<>();
        for (Role r : Role.values()) {
            ModelSpec spec = file.model(r);
            roles.add(new RoleEstimate(r, spec.provider().key(), spec.model(), estimate.calls(r),
                    estimate.inputTokens(r), estimate.outputTokens(r), estimate.expectedCalls(r)));
        }
        return new CallPlan(roles, estimate);
    }

    public List<RoleEstimate> roles() {
        return roles;
    }

    public Range totalCalls() {
        return estimate.totalCalls();
    }

    /** The calls the search is expected to make in all ({@link CallEstimate#expected()}). */
    public long expectedCalls() {
        return estimate.expected().total();
    }

    /** The library's estimate behind this plan. */
    public CallEstimate estimate() {
        return estimate;
    }

    /**
     * USD range over all roles; simulated models are free, and models the price table does not know
     * count 0 (see {@link #unpriced}).
     */
    public double[] cost(Pricing pricing) {
        double low = 0;
        double high = 0;
        for (RoleEstimate e : roles) {
            double[] c = e.cost(pricing);
            low += c[0];
            high += c[1];
        }
        return new double[] {low, high};
    }

    /**
     * USD range when the validation and test calls of the target and the judge go out as provider batches
     * ({@code batch: true}) wherever their provider has a batch API: those calls at the batch price
     * ({@link Provider#batchShare}), every other call at the list price. Equal to {@link #cost} when no role
     * can batch.
     */
    public double[] batchCost(Pricing pricing) {
        double[] cost = cost(pricing);
        for (RoleEstimate e : roles) {
            if (e.free() || e.role() != Role.TARGET && e.role() != Role.JUDGE) {
                continue;
            }
            double saved = 1 - Provider.byKey(e.provider()).map(Provider::batchShare).orElse(1.0);
            Range in = estimate.batchableInputTokens(e.role());
            Range out = estimate.batchableOutputTokens(e.role());
            cost[0] -= saved * pricing.cost(e.model(), in.low(), out.low());
            cost[1] -= saved * pricing.cost(e.model(), in.high(), out.high());
        }
        return cost;
    }

    public List<String> unpriced(Pricing pricing) {
        return roles.stream().filter(e -> !e.unused() && !e.priced(pricing))
                .map(RoleEstimate::model).distinct().toList();
    }
}
