package dev.gradsum.engine;

import dev.gradsum.data.Example;
import dev.gradsum.data.Split;
import dev.gradsum.model.Role;
import dev.gradsum.modules.GradientGenerator;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.search.SearchOptions;
import dev.gradsum.task.Task;
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
 */
public final class CallEstimate {
    static final int ANSWER_TOKENS = 150;
    static final int JUDGE_TOKENS = 80;
    static final int GRADIENT_TOKENS = 150;
    static final int SUMMARY_TOKENS = 200;
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

    private final Map<Role, Range> calls;
    private final Map<Role, Range> inputTokens;
    private final Map<Role, Range> outputTokens;

    private CallEstimate(Map<Role, Range> calls, Map<Role, Range> inputTokens, Map<Role, Range> outputTokens) {
        this.calls = Map.copyOf(calls);
        this.inputTokens = Map.copyOf(inputTokens);
        this.outputTokens = Map.copyOf(outputTokens);
    }

    /**
     * The estimate for searching {@code task} on {@code split} with {@code options}.
     *
     * @param maxAnswerTokens the target model's cap on output tokens, or {@code null} when it has none
     */
    public static CallEstimate of(Task task, Split split, SearchOptions options, MetaPrompts metaPrompts,
                                  Integer maxAnswerTokens) {
        Estimator e = new Estimator(Objects.requireNonNull(task, "task"), Objects.requireNonNull(split, "split"),
                Objects.requireNonNull(options, "options"), Objects.requireNonNull(metaPrompts, "metaPrompts"),
                maxAnswerTokens);
        e.run(false);
        e.run(true);
        Map<Role, Range> calls = new EnumMap<>(Role.class);
        Map<Role, Range> in = new EnumMap<>(Role.class);
        Map<Role, Range> out = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            long[] s = e.sums.get(r);
            calls.put(r, new Range(s[0], s[1]));
            in.put(r, new Range(s[2], s[3]));
            out.put(r, new Range(s[4], s[5]));
        }
        return new CallEstimate(calls, in, out);
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

        Estimator(Task task, Split split, SearchOptions options, MetaPrompts meta, Integer maxAnswerTokens) {
            this.task = task;
            this.split = split;
            this.o = options;
            this.meta = meta;
            for (Role r : Role.values()) {
                sums.put(r, new long[6]);
            }
            judged = task.metric() == null;
            m = Math.min(o.minibatchSize(), split.train().size());
            v = split.validation().size();
            t = split.test().size();
            k = o.candidatesPerPrompt();
            int promptChars = task.prompt().text().length();
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
            long[] s = sums.get(role);
            int at = high ? 1 : 0;
            s[at] += n;
            s[2 + at] += paid * in;
            s[4 + at] += paid * out;
        }

        /** Generations of {@code n} prompt–row pairs, and their judge calls when an LLM judge rates them. */
        private void rate(boolean high, long n, long paid) {
            add(Role.TARGET, high, n, paid, genIn, answer);
            if (judged) {
                long samples = o.judgeSamples();
                add(Role.JUDGE, high, n * samples, paid * samples, judgeIn, JUDGE_TOKENS);
            }
        }

        void run(boolean high) {
            if (high) {
                long beam = 1;
                for (int i = 1; i <= o.iterations(); i++) {
                    long children = beam * k;
                    rate(true, beam * m, beam * m);
                    long validated = (i == 1 ? v : 0) + validationRatings(children); // i13-engine: halving
                    rate(true, validated, validated);
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
                rate(true, tests, tests);
            } else {
                int iterations = Math.min(o.iterations(), o.stopWhenLearned() ? 1 : o.patience());
                boolean sameRows = split.train().size() <= o.minibatchSize();
                for (int i = 1; i <= iterations; i++) {
                    rate(false, m, i == 1 || !sameRows ? m : 0);
                }
                if (iterations > 0) {
                    rate(false, v, v);
                }
                rate(false, t, t);
            }
        }

        /** Row ratings of {@code children} new candidates on the validation rows: all rows, or halving's rungs. */
        private long validationRatings(long children) {
            return o.validation() == SearchOptions.Validation.HALVING
                    ? SuccessiveHalving.ratings((int) Math.min(children, Integer.MAX_VALUE), o.beamSize(), v)
                    : children * v;
        }

        private long metaPromptLength(String metaPrompt) {
            return meta.get(metaPrompt).text().length();
        }

        /** Characters of the placeholders' values, averaged over the training rows. */
        private long averageInputChars() {
            return averageChars(e -> task.prompt().placeholders().stream().mapToLong(p -> length(e.get(p))).sum());
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
