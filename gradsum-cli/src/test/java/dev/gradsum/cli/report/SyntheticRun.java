package dev.gradsum.cli.report;

import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.metric.Score;
import dev.gradsum.model.Budget;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.modules.Generation;
import dev.gradsum.modules.Gradient;
import dev.gradsum.recording.RunDescription;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.Iteration;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.ScoredCandidate;
import dev.gradsum.search.SearchOptions;
import dev.gradsum.search.StopReason;
import dev.gradsum.search.TestScore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-built run of three iterations whose data, feedback and answers carry HTML that must stay
 * text: {@code <script>}, an {@code <img onerror>} and a closing {@code </pre>}.
 */
final class SyntheticRun {
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String INITIAL = "Answer the question.\n\nQuestion: {question}\nAnswer:";
    static final String BEST = "Solve the word problem step by step. Keep units, check the arithmetic, "
            + "and end with one line 'Answer: <number>'.\n\nQuestion: {question}\nAnswer:";

    final Candidate c0 = candidate("c0", INITIAL, null, 0, null);
    final Candidate c1 = candidate("c1", "Answer the question carefully.\n\nQuestion: {question}\nAnswer:", "c0", 1,
            "The prompt gives no guidance on arithmetic; answers skip steps. " + SCRIPT);
    final Candidate c2 = candidate("c2", "Solve the word problem step by step.\n\nQuestion: {question}\nAnswer:", "c0", 1,
            "Ask for step-by-step reasoning and a final numeric line.");
    final Candidate c3 = candidate("c3", "Reply with a number only.\n\nQuestion: {question}\nAnswer:", "c0", 1,
            "Answers are too long.");
    final Candidate c4 = candidate("c4", "Solve the word problem step by step and show units.\n\nQuestion: {question}\nAnswer:",
            "c2", 2, "Units are dropped (<b>km</b> vs <i>m</i>).");
    final Candidate c5 = candidate("c5", BEST, "c2", 2,
            "Answers mix units and miscount; ask to keep units, re-check arithmetic and end with 'Answer: <number>'.");
    final Candidate c6 = candidate("c6", "Think.\n\nQuestion: {question}\nAnswer:", "c1", 2, "Be shorter.");

    OptimizationResult result() {
        Iteration it1 = new Iteration(1, Map.of("c0", 0.40),
                Map.of("c0", List.of(new Gradient("r3", "The prompt does not ask for units. " + SCRIPT),
                        new Gradient("r7", "No instruction to check the arithmetic <img src=x onerror=alert(2)>."))),
                Map.of("c0", "The prompt should ask for step-by-step work, units and a final numeric line. " + SCRIPT),
                List.of(scored(c2, 0.60), scored(c0, 0.45), scored(c1, 0.40), scored(c3, 0.30)),
                List.of("c2", "c0", "c1"), List.of("c0 → candidate 3 lost {question} after one repair"), true);
        Iteration it2 = new Iteration(2, Map.of("c2", 0.62, "c0", 0.40, "c1", 0.41),
                Map.of("c2", List.of(new Gradient("r5", "Units are dropped.")),
                        "c1", List.of(new Gradient("r9", "Too verbose."))),
                Map.of("c2", "Keep units and re-check arithmetic; end with 'Answer: <number>'.",
                        "c1", "Be concise."),
                List.of(scored(c5, 0.75), scored(c2, 0.60), scored(c4, 0.58), scored(c0, 0.45), scored(c1, 0.40), scored(c6, 0.20)),
                List.of("c5", "c2", "c4"), List.of(), true);
        Iteration it3 = new Iteration(3, Map.of("c5", 0.78, "c2", 0.61, "c4", 0.57), Map.of(), Map.of(),
                List.of(scored(c5, 0.75), scored(c2, 0.60), scored(c4, 0.58)), List.of("c5", "c2", "c4"), List.of(), false);
        Map<Role, Usage> usage = new LinkedHashMap<>();
        usage.put(Role.TARGET, new Usage(420, 30, 2, 0, 84_000, 21_000, 0.0252));
        usage.put(Role.JUDGE, new Usage(0, 0, 0, 0, 0, 0, 0));
        usage.put(Role.GRADIENT, new Usage(12, 0, 0, 0, 9_000, 2_400, 0.0465));
        usage.put(Role.SUMMARIZER, new Usage(3, 0, 0, 0, 3_100, 600, 0.01375));
        usage.put(Role.EDITOR, new Usage(4, 0, 1, 0, 2_800, 1_900, 0.026));
        Usage total = usage.values().stream().reduce(Usage.ZERO, Usage::plus);
        return new OptimizationResult(c0, c5, new TestScore(6, 2 / 6.0, 4 / 6.0, -0.1666, 0.6667),
                List.of(it1, it2, it3), List.of(c0, c1, c2, c3, c4, c5, c6), StopReason.NO_IMPROVEMENT, usage, total,
                Duration.ofSeconds(754));
    }

    RunInfo info(Path taskFile) {
        Map<Role, RunDescription.Model> models = new LinkedHashMap<>();
        models.put(Role.TARGET, new RunDescription.Model("openai", "gpt-4o-mini"));
        models.put(Role.JUDGE, new RunDescription.Model("openai", "gpt-4o-mini"));
        models.put(Role.GRADIENT, new RunDescription.Model("openai", "gpt-4o"));
        models.put(Role.SUMMARIZER, new RunDescription.Model("openai", "gpt-4o"));
        models.put(Role.EDITOR, new RunDescription.Model("openai", "gpt-4o"));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("split", "train 20, validation 20, test 6, seed 7");
        settings.put("metric", "numeric");
        return new RunInfo("run-20261125-0001", "Math word problems " + SCRIPT,
                "Solve short arithmetic word problems; the answer is a number.", taskFile, models,
                SearchOptions.builder().iterations(3).build(), new Budget(1.0, null, null), settings,
                Instant.parse("2026-11-25T02:40:00Z"));
    }

    /** Six test rows: r1..r4 failed initially (r1, r2, r3 fixed by the best prompt), r5 regressed, r6 always passed. */
    TestEvaluations tests() {
        List<Evaluation> initial = new ArrayList<>();
        List<Evaluation> best = new ArrayList<>();
        String[][] rows = {
                {"r1", "A train goes 60 km in 1.5 h. Speed? " + SCRIPT, "40", "40 km", "0", "Answer: 40", "1"},
                {"r2", "<img src=x onerror=alert(2)> 3 boxes of 12 eggs, 5 broken. How many whole?", "31", "36", "0", "Answer: 31", "1"},
                {"r3", "Tom has 5 apples and eats 2.", "3", "</pre><script>alert(3)</script>", "0", "Answer: 3", "1"},
                {"r4", "A 2 m plank cut into 25 cm pieces. Pieces?", "8", "4", "0", "Answer: 4", "0"},
                {"r5", "Half of 18?", "9", "9", "1", "Answer: 8", "0"},
                {"r6", "2 + 2?", "4", "4", "1", "Answer: 4", "1"},
        };
        for (String[] r : rows) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("question", r[1]);
            fields.put("answer", r[2]);
            Example ex = new Example(r[0], fields);
            initial.add(evaluation(ex, INITIAL, r[3], r[4].equals("1")));
            best.add(evaluation(ex, BEST, r[5], r[6].equals("1")));
        }
        return new TestEvaluations(initial, best);
    }

    private static Evaluation evaluation(Example ex, String prompt, String output, boolean passed) {
        String input = PromptTemplate.of(prompt).render(ex);
        String reason = "expected " + ex.get("answer") + ", got " + output;
        return new Evaluation(new Generation(ex, input, output, null), passed ? Score.pass(reason) : Score.fail(reason));
    }

    private static Candidate candidate(String id, String prompt, String parent, int iteration, String feedback) {
        return new Candidate(id, PromptTemplate.of(prompt), parent, iteration, feedback);
    }

    private static ScoredCandidate scored(Candidate c, double score) {
        return new ScoredCandidate(c, score, 20, 0);
    }
}
