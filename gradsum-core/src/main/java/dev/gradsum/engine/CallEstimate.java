package dev.gradsum.engine;

import dev.gradsum.data.Example;
import dev.gradsum.data.Split;
import dev.gradsum.model.Role;
import dev.gradsum.modules.GradientGenerator;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.search.SearchOptions;
import dev.gradsum.task.Task;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * How many model calls, and about how many tokens, one {@link BeamSearch} run makes per {@link Role},
 * worked out without calling any model: a low–high range for each.
 *
 * <p>Calls are the requests the loop makes, paid or answered from the cache (what
 * {@code Usage.calls() + Usage.cachedCalls()} counts); tokens are those of paid calls. Per iteration,
 * for each of the b beam prompts (b = 1 in iteration 1): m = min(minibatch, train) generations on the
 * training minibatch, as many judge calls (LLM judge only), one gradient call per failed answer, one
 * summary when there are gradients (unless summarize is off), one edit plus one repair per invalid
 * candidate; then the prompts not rated before (the initial prompt and its K children in iteration 1,
 * later only the children) answer, and are judged on, the v validation rows. At the end the initial
 * and the best prompt answer the t test rows (once when the best is the initial prompt).
 *
 * <ul>
 *   <li><b>low</b> is the fewest calls the loop can make: it stops after one iteration when nothing is
 *       left to learn ({@code stopWhenLearned}), else after {@code patience} iterations (or
 *       {@code iterations}, if fewer), no candidate is ever created (no training answer fails, or
 *       every candidate is dropped), so the beam is the initial prompt alone, rated once on the
 *       validation rows and once on the test rows. When the minibatch is the whole training set, its
 *       training calls after the first iteration repeat and come from the cache: counted as calls, not
 *       as tokens.</li>
 *   <li><b>high</b> is the most: every iteration runs, every training answer fails, every beam prompt
 *       gets K new candidates that each need their one repair, and the beam grows to min(beam size,
 *       b·(1 + K)) prompts. (A parent kept in the beam whose minibatch repeats gets its answers from
 *       the cache and repeats its earlier candidates, which are dropped: fewer calls.)</li>
 * </ul>
 * The options beyond the paper change the arithmetic: each judge call is made {@code judgeSamples} times;
 * with the minibatch gate every child first answers its parent's m training rows (high: every child
 * passes); with successive halving the children answer the rungs of {@link SuccessiveHalving#ratings}
 * instead of all v rows. Pareto selection and {@code minConfidence} change which prompts are kept, not
 * how many are expanded (at most the beam size), so the range stays.
 * Both assume the models answer in the asked format and do not fail (an unusable answer asked again,
 * a failed call or a budget stop is outside the range). Tokens are text length / 4, with the answer
 * lengths of {@link #ASSUMPTIONS}; calls answered from an earlier run's cache are not subtracted.
 *
 * <p><b>expected</b> ({@link #expectedCalls}, {@link #expected()}) is the count the loop makes on
 * average, worked out from the same loop with these shares (docs/cli.md derives it):
 * <ul>
 *   <li>a share p of the minibatch answers fails (the initial prompt's measured failure share when
 *       the caller knows it, else {@link #PRIOR_FAILURE_SHARE}), every iteration (an optimistic
 *       search would fail less later; a stuck one would not). A beam prompt gets a summary and an
 *       edit when at least one of its m answers fails: probability 1 − (1 − p)^m;</li>
 *   <li>{@link #PRIOR_REPAIR_SHARE} of the candidates need their repair, and
 *       {@link #PRIOR_DROP_SHARE} are dropped (still invalid, or a repeat of a beam prompt);</li>
 *   <li>the beam is the best {@code beamSize} of parents and children, each as likely as any other
 *       to be kept, so a share children/(parents + children) of the next beam is new. When the
 *       minibatch is the whole training set, a prompt expanded before asks the same calls again
 *       (answered from the cache, so counted) and its candidates repeat and are dropped: only the
 *       new beam prompts bring children. Only children are rated on validation (the initial prompt
 *       too in iteration 1): a prompt rated before is reused;</li>
 *   <li>every iteration runs (no stop by patience is assumed), and the final test rates two prompts
 *       when children are expected, else one.</li>
 * </ul>
 * The expected count lies between low and high.
 */
public final class CallEstimate {
    static final int ANSWER_TOKENS = 150;
    static final int JUDGE_TOKENS = 80;
    static final int GRADIENT_TOKENS = 150;
    static final int SUMMARY_TOKENS = 200;
    /** The share of minibatch answers expected to fail when the initial prompt's is not known: no information either way. */
    public static final double PRIOR_FAILURE_SHARE = 0.5;
    /** The share of candidates expected to need their one repair. */
    public static final double PRIOR_REPAIR_SHARE = 0.1;
    /** The share of candidates expected to be dropped (invalid after the repair, or repeating a beam prompt). */
    public static final double PRIOR_DROP_SHARE = 0.05;
    /** The assumptions behind the numbers, in one paragraph for users. */
    public static final String ASSUMPTIONS = "tokens ≈ characters / 4; answers ~" + ANSWER_TOKENS
            + " tokens (or max_tokens if lower), judge verdicts ~" + JUDGE_TOKENS + ", gradients ~" + GRADIENT_TOKENS
            + ", summaries ~" + SUMMARY_TOKENS + ", edited prompts ~ the initial prompt + 50. "
            + "Calls are paid or answered from the cache; tokens count paid calls. "
            + "low: the fewest calls a search makes: it stops after one iteration with nothing to learn (after "
            + "`patience` iterations with stop_when_learned off) and no candidate is "
            + "created (no training answer fails, or every candidate is dropped), so only the initial prompt "
            + "is rated. high: every iteration runs, every training answer fails, every candidate is repaired "
            + "once and rated. Both assume the models answer in the asked format and no call fails. "
            + "expected: every iteration runs; " + Math.round(PRIOR_FAILURE_SHARE * 100) + "% of training answers "
            + "fail (unless measured), " + Math.round(PRIOR_REPAIR_SHARE * 100) + "% of candidates need a repair and "
            + Math.round(PRIOR_DROP_SHARE * 100) + "% are dropped; children are as likely to enter the beam as "
            + "parents, and a prompt rated before is not rated again. "
            + "Cache hits from earlier runs cost nothing and are not subtracted. "
            + "With judge samples n, every answer is judged n times; with the minibatch gate, every child first "
            + "answers its parent's minibatch (high: all pass it); with successive halving, children answer "
            + "growing slices of the validation rows and only the survivors answer them all.";

    /** A closed range of whole numbers. */
    public record Range(long low, long high) {
        public static final Range ZERO = new Range(0, 0);

        public Range plus(Range o) {
            return new Range(low + o.low, high + o.high);
        }

        public boolean contains(long n) {
            return low <= n && n <= high;
        }
    }

    /**
     * The calls a search is expected to make, iteration by iteration, then in the final test.
     *
     * @param iterations the expected calls of iterations 1, 2, ... (all roles)
     * @param test       the expected calls of the final test
     */
    public record Expected(List<Long> iterations, long test) {
        public Expected {
            iterations = List.copyOf(iterations);
        }

        /** Calls expected of the first {@code k} iterations. */
        public long through(int k) {
            return iterations.subList(0, Math.min(Math.max(k, 0), iterations.size())).stream()
                    .mapToLong(Long::longValue).sum();
        }

        /** Calls expected of iteration {@code i} (1-based); 0 past the last. */
        public long iteration(int i) {
            return i >= 1 && i <= iterations.size() ? iterations.get(i - 1) : 0;
        }

        /** All calls expected. */
        public long total() {
            return through(iterations.size()) + test;
        }
    }

    private final Map<Role, Range> calls;
    private final Map<Role, Range> inputTokens;
    private final Map<Role, Range> outputTokens;
    /** Input and output tokens of the batchable calls (the validation and test ratings). */
    private final Map<Role, Range> batchableInputTokens;
    private final Map<Role, Range> batchableOutputTokens;
    private final Map<Role, Long> expectedCalls;
    private final Expected expected;

    private CallEstimate(Map<Role, Range> calls, Map<Role, Range> inputTokens, Map<Role, Range> outputTokens,
                         Map<Role, Range> batchableInputTokens, Map<Role, Range> batchableOutputTokens,
                         Map<Role, Long> expectedCalls, Expected expected) {
        this.calls = Map.copyOf(calls);
        this.inputTokens = Map.copyOf(inputTokens);
        this.outputTokens = Map.copyOf(outputTokens);
        this.batchableInputTokens = Map.copyOf(batchableInputTokens);
        this.batchableOutputTokens = Map.copyOf(batchableOutputTokens);
        this.expectedCalls = Map.copyOf(expectedCalls);
        this.expected = expected;
    }

    /**
     * The estimate for searching {@code task} on {@code split} with {@code options}.
     *
     * @param maxAnswerTokens the target model's cap on output tokens, or {@code null} when it has none
     */
    public static CallEstimate of(Task task, Split split, SearchOptions options, MetaPrompts metaPrompts,
                                  Integer maxAnswerTokens) {
        return of(task, split, options, metaPrompts, maxAnswerTokens, PRIOR_FAILURE_SHARE);
    }

    /**
     * As {@link #of(Task, Split, SearchOptions, MetaPrompts, Integer)}, with the share of the initial
     * prompt's answers that fail when it is known (measured), for the expected count.
     *
     * @param failureShare between 0 and 1
     */
    public static CallEstimate of(Task task, Split split, SearchOptions options, MetaPrompts metaPrompts,
                                  Integer maxAnswerTokens, double failureShare) {
        if (!(failureShare >= 0 && failureShare <= 1)) {
            throw new IllegalArgumentException("failureShare must be in [0, 1], was " + failureShare);
        }
        Estimator e = new Estimator(Objects.requireNonNull(task, "task"), Objects.requireNonNull(split, "split"),
                Objects.requireNonNull(options, "options"), Objects.requireNonNull(metaPrompts, "metaPrompts"),
                maxAnswerTokens);
        e.run(false);
        e.run(true);
        Expected expected = e.expected(failureShare);
        Map<Role, Range> calls = new EnumMap<>(Role.class);
        Map<Role, Range> in = new EnumMap<>(Role.class);
        Map<Role, Range> out = new EnumMap<>(Role.class);
        Map<Role, Range> batchIn = new EnumMap<>(Role.class);
        Map<Role, Range> batchOut = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            long[] s = e.sums.get(r);
            calls.put(r, new Range(s[0], s[1]));
            in.put(r, new Range(s[2], s[3]));
            out.put(r, new Range(s[4], s[5]));
            long[] b = e.batchable.get(r);
            batchIn.put(r, new Range(b[2], b[3]));
            batchOut.put(r, new Range(b[4], b[5]));
        }
        Map<Role, Long> expectedCalls = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            expectedCalls.put(r, Math.round(e.expectedByRole.get(r)));
        }
        return new CallEstimate(calls, in, out, batchIn, batchOut, expectedCalls, expected);
    }

    /** Calls of {@code role} the search is expected to make (see the class comment). */
    public long expectedCalls(Role role) {
        return expectedCalls.get(Objects.requireNonNull(role, "role"));
    }

    /** The calls expected of the whole search, iteration by iteration and in the final test. */
    public Expected expected() {
        return expected;
    }

    /**
     * Input tokens of {@code role}'s paid calls in the stages that can go out as provider batches (the
     * validation and test ratings: generations and judge calls); the rest stays online.
     */
    public Range batchableInputTokens(Role role) {
        return batchableInputTokens.get(Objects.requireNonNull(role, "role"));
    }

    /** Output tokens of {@code role}'s paid calls in the stages that can go out as provider batches. */
    public Range batchableOutputTokens(Role role) {
        return batchableOutputTokens.get(Objects.requireNonNull(role, "role"));
    }

    /** Calls of {@code role}, paid or answered from the cache. */
    public Range calls(Role role) {
        return calls.get(Objects.requireNonNull(role, "role"));
    }

    /** Input tokens of {@code role}'s paid calls. */
    public Range inputTokens(Role role) {
        return inputTokens.get(Objects.requireNonNull(role, "role"));
    }

    /** Output tokens of {@code role}'s paid calls. */
    public Range outputTokens(Role role) {
        return outputTokens.get(Objects.requireNonNull(role, "role"));
    }

    /** Calls of all roles. */
    public Range totalCalls() {
        Range r = Range.ZERO;
        for (Role role : Role.values()) {
            r = r.plus(calls(role));
        }
        return r;
    }

    /** The arithmetic of the two scenarios, kept apart from the result. */
    private static final class Estimator {
        private final Task task;
        private final Split split;
        private final SearchOptions o;
        private final MetaPrompts meta;
        private final boolean judged;
        private final int m;
        private final int v;
        private final int t;
        private final int k;
        private final long answer;
        private final long genIn;
        private final long judgeIn;
        private final long gradIn;
        private final long summaryIn;
        private final long editIn;
        private final long repairIn;
        private final long candidateOut;
        /** Per role: calls, input tokens, output tokens; each low then high. */
        private final Map<Role, long[]> sums = new EnumMap<>(Role.class);
        /** Per role: the expected calls. */
        private final Map<Role, Double> expectedByRole = new EnumMap<>(Role.class);
        /** The same, for the validation and test ratings only (what provider batches can carry). */
        private final Map<Role, long[]> batchable = new EnumMap<>(Role.class);

        Estimator(Task task, Split split, SearchOptions options, MetaPrompts meta, Integer maxAnswerTokens) {
            this.task = task;
            this.split = split;
            this.o = options;
            this.meta = meta;
            for (Role r : Role.values()) {
                sums.put(r, new long[6]);
                expectedByRole.put(r, 0.0);
                batchable.put(r, new long[6]);
            }
            judged = task.metric() == null;
            m = Math.min(o.minibatchSize(), split.train().size());
            v = split.validation().size();
            t = split.test().size();
            k = o.candidatesPerPrompt();
            int promptChars = task.prompt().messages().stream().mapToInt(msg -> msg.template().text().length()).sum();
            String description = task.description();
            String criteria = task.criteria() == null ? "" : task.criteria().text();
            long fixed = description.length() + criteria.length();
            answer = maxAnswerTokens == null ? ANSWER_TOKENS : Math.min(ANSWER_TOKENS, maxAnswerTokens);
            genIn = (promptChars + averageInputChars()) / 4;
            long expected = averageExpectedChars() / 4;
            judgeIn = (metaPromptLength(MetaPrompts.EVALUATOR) + fixed) / 4 + genIn + answer + expected;
            gradIn = (metaPromptLength(MetaPrompts.GRADIENT_GENERATOR) + fixed + promptChars) / 4 + genIn + answer
                    + expected + JUDGE_TOKENS;
            summaryIn = (metaPromptLength(MetaPrompts.GRADIENT_SUMMARIZER) + description.length() + promptChars) / 4;
            String editor = o.summarize() ? MetaPrompts.PROMPT_EDITOR : MetaPrompts.PROMPT_EDITOR_RAW_GRADIENTS;
            editIn = (metaPromptLength(editor) + description.length() + promptChars) / 4;
            repairIn = (metaPromptLength(MetaPrompts.PROMPT_EDITOR_REPAIR) + description.length() + 2L * promptChars)
                    / 4;
            candidateOut = promptChars / 4 + 50;
        }

        /** Adds {@code n} calls of {@code in}/{@code out} tokens each, of which {@code paid} are paid. */
        private void add(Role role, boolean high, long n, long paid, long in, long out) {
            add(sums, role, high, n, paid, in, out);
        }

        /** As {@link #add(Role, boolean, long, long, long, long)}, into {@code into}. */
        private static void add(Map<Role, long[]> into, Role role, boolean high, long n, long paid, long in, long out) {
            long[] s = into.get(role);
            int at = high ? 1 : 0;
            s[at] += n;
            s[2 + at] += paid * in;
            s[4 + at] += paid * out;
        }

        /** {@link #rate} on validation or test rows, counted also as calls that provider batches can carry. */
        private void rateBatchable(boolean high, long n, long paid) {
            rate(sums, high, n, paid);
            rate(batchable, high, n, paid);
        }

        /** Generations of {@code n} prompt–row pairs, and their judge calls when an LLM judge rates them. */
        private void rate(boolean high, long n, long paid) {
            rate(sums, high, n, paid);
        }

        private void rate(Map<Role, long[]> into, boolean high, long n, long paid) {
            add(into, Role.TARGET, high, n, paid, genIn, answer);
            if (judged) {
                long samples = o.judgeSamples();
                add(into, Role.JUDGE, high, n * samples, paid * samples, judgeIn, JUDGE_TOKENS);
            }
        }

        void run(boolean high) {
            if (high) {
                long beam = 1;
                for (int i = 1; i <= o.iterations(); i++) {
                    long children = beam * k;
                    rate(true, beam * m, beam * m);
                    long validated = (i == 1 ? v : 0) + validationRatings(children); // all rows, or halving's rungs
                    rateBatchable(true, validated, validated);
                    if (o.minibatchGate()) {
                        rate(true, children * m, children * m);
                    }
                    add(Role.GRADIENT, true, beam * m, beam * m, gradIn, GRADIENT_TOKENS);
                    long feedbackTokens = (long) m * (GRADIENT_TOKENS + 10);
                    if (o.summarize()) {
                        add(Role.SUMMARIZER, true, beam, beam, summaryIn + feedbackTokens, SUMMARY_TOKENS);
                        add(Role.EDITOR, true, beam, beam, editIn + SUMMARY_TOKENS, k * candidateOut + 20);
                    } else {
                        add(Role.EDITOR, true, beam, beam, editIn + feedbackTokens, k * candidateOut + 20);
                    }
                    add(Role.EDITOR, true, children, children, repairIn, candidateOut);
                    beam = Math.min(o.beamSize(), beam + children);
                }
                long tests = o.iterations() == 0 ? t : 2L * t;
                rateBatchable(true, tests, tests);
            } else {
                int iterations = Math.min(o.iterations(), o.stopWhenLearned() ? 1 : o.patience());
                boolean sameRows = split.train().size() <= o.minibatchSize();
                for (int i = 1; i <= iterations; i++) {
                    rate(false, m, i == 1 || !sameRows ? m : 0);
                }
                if (iterations > 0) {
                    rateBatchable(false, v, v);
                }
                rateBatchable(false, t, t);
            }
        }

        /**
         * The expected scenario (see the class comment) with {@code p} of the minibatch answers failing:
         * the calls per iteration and of the final test; fills {@link #expectedByRole}.
         */
        Expected expected(double p) {
            boolean sameRows = split.train().size() <= o.minibatchSize();
            double expands = 1 - Math.pow(1 - p, m);
            double beam = 1;
            double fresh = 1;
            double children = 0;
            List<Long> perIteration = new ArrayList<>();
            for (int i = 1; i <= o.iterations(); i++) {
                double before = expectedTotal();
                double edits = beam * expands;
                double born = (sameRows ? fresh : beam) * expands * k * (1 - PRIOR_DROP_SHARE);
                // the gate (when on) is assumed passed by every child, as at the high end
                double rated = beam * m + (i == 1 ? v : 0) + expectedValidationRatings(born)
                        + (o.minibatchGate() ? born * m : 0);
                expect(Role.TARGET, rated);
                if (judged) {
                    expect(Role.JUDGE, rated * o.judgeSamples());
                }
                expect(Role.GRADIENT, beam * m * p);
                if (o.summarize()) {
                    expect(Role.SUMMARIZER, edits);
                }
                expect(Role.EDITOR, edits * (1 + k * PRIOR_REPAIR_SHARE));
                double pool = beam + born;
                double next = Math.min(o.beamSize(), pool);
                fresh = next * born / pool;
                beam = next;
                children += born;
                perIteration.add(Math.round(expectedTotal()) - Math.round(before));
            }
            long answers = (long) t * (children > 0 ? 2 : 1);
            long verdicts = judged ? answers * o.judgeSamples() : 0;
            expect(Role.TARGET, answers);
            expect(Role.JUDGE, verdicts);
            return new Expected(perIteration, answers + verdicts);
        }

        private void expect(Role role, double calls) {
            expectedByRole.merge(role, calls, Double::sum);
        }

        private double expectedTotal() {
            return expectedByRole.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** Row ratings of {@code children} new candidates on the validation rows: all rows, or halving's rungs. */
        private long validationRatings(long children) {
            return o.validation() == SearchOptions.Validation.HALVING
                    ? SuccessiveHalving.ratings((int) Math.min(children, Integer.MAX_VALUE), o.beamSize(), v)
                    : children * v;
        }

        /** As {@link #validationRatings}, for an expected (fractional) number of children. */
        private double expectedValidationRatings(double children) {
            if (o.validation() != SearchOptions.Validation.HALVING || children <= 0) {
                return children * v;
            }
            long whole = (long) Math.floor(children);
            double below = whole == 0 ? 0 : validationRatings(whole);
            double above = validationRatings(whole + 1);
            return below + (children - whole) * (above - below);
        }

        private long metaPromptLength(String metaPrompt) {
            return meta.get(metaPrompt).text().length();
        }

        /** Characters of the placeholders' values, averaged over the training rows. */
        private long averageInputChars() {
            String history = task.prompt().history();
            return averageChars(e -> task.prompt().placeholders().stream().mapToLong(p -> length(e.get(p))).sum()
                    + (history == null ? 0 : length(e.get(history))));
        }

        /** Characters of the expected answer (none without an expected field), averaged over the training rows. */
        private long averageExpectedChars() {
            return averageChars(e -> length(GradientGenerator.expected(task, e)));
        }

        private long averageChars(ToLongFunction<Example> chars) {
            List<Example> rows = split.train();
            return rows.isEmpty() ? 0 : rows.stream().mapToLong(chars).sum() / rows.size();
        }

        private static long length(String value) {
            return value == null ? 0 : value.length();
        }
    }
}
