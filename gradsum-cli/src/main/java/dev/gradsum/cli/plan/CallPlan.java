package dev.gradsum.cli.plan;

import dev.gradsum.cli.plan.RoleEstimate.Range;
import dev.gradsum.cli.provider.ModelSpec;
import dev.gradsum.cli.taskfile.TaskFile;
import dev.gradsum.cli.taskfile.TaskSetup;
import dev.gradsum.llm.Pricing;
import dev.gradsum.llm.Role;
import dev.gradsum.modules.MetaPrompts;
import dev.gradsum.search.SearchOptions;
import dev.gradsum.task.Example;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How many calls and tokens a search will use per role, computed without calling any model (README,
 * "Calls and tokens"). Per iteration, for each of the b beam prompts (b = 1 in iteration 1, then at
 * most the beam size): m generations on the training minibatch, up to m judge calls (LLM judge
 * only), up to m gradient calls (failures only), 1 summary, 1 edit plus up to K repairs; then the
 * b + b·K parents and children are generated (and judged) on the v validation rows. At the end the
 * initial and best prompts run on the t test rows. Tokens are text length / 4 with the answer
 * lengths of {@link #ASSUMPTIONS}.
 */
public final class CallPlan {
    static final int ANSWER_TOKENS = 150;
    static final int JUDGE_TOKENS = 80;
    static final int GRADIENT_TOKENS = 150;
    static final int SUMMARY_TOKENS = 200;
    public static final String ASSUMPTIONS = "tokens ≈ characters / 4; answers ~" + ANSWER_TOKENS
            + " tokens (or max_tokens if lower), judge verdicts ~" + JUDGE_TOKENS + ", gradients ~" + GRADIENT_TOKENS
            + ", summaries ~" + SUMMARY_TOKENS + ", edited prompts ~ the initial prompt + 50. "
            + "low: the search stops after `patience` iterations without improvement, half the training "
            + "answers fail, no repairs, parents' validation answers come from the cache. "
            + "high: every iteration runs, every training answer fails, every candidate is repaired once. "
            + "Cache hits (reruns) cost nothing and are not subtracted.";

    private final Map<Role, RoleEstimate> roles;

    private CallPlan(Map<Role, RoleEstimate> roles) {
        this.roles = roles;
    }

    public List<RoleEstimate> roles() {
        return List.copyOf(roles.values());
    }

    public Range totalCalls() {
        Range r = Range.ZERO;
        for (RoleEstimate e : roles.values()) {
            r = r.plus(e.calls());
        }
        return r;
    }

    /**
     * USD range over all roles; simulated models are free, and models the price table does not know
     * count 0 (see {@link #unpriced}).
     */
    public double[] cost(Pricing pricing) {
        double low = 0;
        double high = 0;
        for (RoleEstimate e : roles.values()) {
            double[] c = e.cost(pricing);
            low += c[0];
            high += c[1];
        }
        return new double[] {low, high};
    }

    public List<String> unpriced(Pricing pricing) {
        return roles.values().stream().filter(e -> !e.unused() && !e.priced(pricing))
                .map(RoleEstimate::model).distinct().toList();
    }

    public static CallPlan of(TaskSetup setup, SearchOptions options, MetaPrompts metaPrompts) {
        return new Estimator(setup, options, metaPrompts).estimate();
    }

    /** The model that plays {@code role} after the fallbacks (judge → target; others → optimizer → target). */
    public static ModelSpec modelFor(TaskFile file, Role role) {
        Map<String, ModelSpec> m = file.models();
        ModelSpec own = m.get(role.key());
        if (own != null) {
            return own;
        }
        if (role != Role.TARGET && role != Role.JUDGE && m.containsKey("optimizer")) {
            return m.get("optimizer");
        }
        return m.get("target");
    }

    /** The arithmetic, kept apart from the result. */
    private static final class Estimator {
        private final TaskSetup setup;
        private final SearchOptions o;
        private final MetaPrompts meta;
        private final Map<Role, long[]> sums = new EnumMap<>(Role.class);

        Estimator(TaskSetup setup, SearchOptions options, MetaPrompts meta) {
            this.setup = setup;
            this.o = options;
            this.meta = meta;
            for (Role r : Role.values()) {
                sums.put(r, new long[6]);
            }
        }

        /** Adds {@code n} calls (low or high) of {@code in}/{@code out} tokens each. */
        private void add(Role role, boolean high, long n, long in, long out) {
            long[] s = sums.get(role);
            int at = high ? 1 : 0;
            s[at] += n;
            s[2 + at] += n * in;
            s[4 + at] += n * out;
        }

        CallPlan estimate() {
            TaskFile file = setup.file();
            boolean judge = file.judgedByModel();
            int m = Math.min(o.minibatchSize(), setup.sizes().train());
            int v = setup.sizes().validation();
            int t = setup.sizes().test();
            int k = o.candidatesPerPrompt();
            int promptChars = setup.prompt().text().length();
            String description = file.description();
            String criteria = file.evaluation().criteria() == null ? "" : file.evaluation().criteria();
            long fixed = description.length() + criteria.length();
            ModelSpec target = modelFor(file, Role.TARGET);
            long answer = target.maxTokens() == null ? ANSWER_TOKENS : Math.min(ANSWER_TOKENS, target.maxTokens());

            long genIn = (promptChars + averageInputChars()) / 4;
            long judgeIn = (length("evaluator") + fixed) / 4 + genIn + answer + averageExpectedChars() / 4;
            long gradIn = (length("gradient_generator") + fixed + promptChars) / 4 + genIn + answer
                    + averageExpectedChars() / 4 + JUDGE_TOKENS;
            long promptTokens = promptChars / 4;
            long repairIn = (length("prompt_editor_repair") + description.length() + 2L * promptChars) / 4;
            long candidateOut = promptTokens + 50;

            for (boolean high : new boolean[] {false, true}) {
                int iterations = high ? o.iterations() : Math.min(o.iterations(), o.patience());
                int failures = high ? m : (m + 1) / 2;
                long beam = 1;
                for (int i = 1; i <= iterations; i++) {
                    long validated = high || i == 1 ? beam + beam * k : beam * k;
                    add(Role.TARGET, high, beam * m + validated * v, genIn, answer);
                    if (judge) {
                        add(Role.JUDGE, high, beam * m + validated * v, judgeIn, JUDGE_TOKENS);
                    }
                    add(Role.GRADIENT, high, beam * failures, gradIn, GRADIENT_TOKENS);
                    long feedback = (long) failures * (GRADIENT_TOKENS + 10);
                    if (o.summarize()) {
                        add(Role.SUMMARIZER, high, beam,
                                (length("gradient_summarizer") + description.length() + promptChars) / 4 + feedback,
                                SUMMARY_TOKENS);
                        add(Role.EDITOR, high, beam, (length("prompt_editor") + description.length() + promptChars) / 4
                                + SUMMARY_TOKENS, k * candidateOut + 20);
                    } else {
                        add(Role.EDITOR, high, beam, (length("prompt_editor_raw_gradients") + description.length()
                                + promptChars) / 4 + feedback, k * candidateOut + 20);
                    }
                    if (high) {
                        add(Role.EDITOR, true, beam * k, repairIn, candidateOut);
                    }
                    beam = Math.min(o.beamSize(), beam * (1 + k));
                }
                long tests = high ? 2L * t : t;
                add(Role.TARGET, high, tests, genIn, answer);
                if (judge) {
                    add(Role.JUDGE, high, tests, judgeIn, JUDGE_TOKENS);
                }
            }
            Map<Role, RoleEstimate> out = new EnumMap<>(Role.class);
            for (Role r : Role.values()) {
                long[] s = sums.get(r);
                ModelSpec spec = modelFor(file, r);
                out.put(r, new RoleEstimate(r, spec.provider().key(), spec.model(), new Range(s[0], s[1]),
                        new Range(s[2], s[3]), new Range(s[4], s[5])));
            }
            return new CallPlan(out);
        }

        private long length(String metaPrompt) {
            return meta.get(metaPrompt).text().length();
        }

        private long averageInputChars() {
            List<Example> rows = setup.split().train();
            if (rows.isEmpty()) {
                return 0;
            }
            long sum = 0;
            for (Example e : rows) {
                for (String p : setup.prompt().placeholders()) {
                    String value = e.get(p);
                    sum += value == null ? 0 : value.length();
                }
            }
            return sum / rows.size();
        }

        private long averageExpectedChars() {
            String field = setup.file().evaluation().expected();
            List<Example> rows = setup.split().train();
            if (field == null || rows.isEmpty()) {
                return 0;
            }
            long sum = 0;
            for (Example e : rows) {
                String value = e.get(field);
                sum += value == null ? 0 : value.length();
            }
            return sum / rows.size();
        }
    }
}
