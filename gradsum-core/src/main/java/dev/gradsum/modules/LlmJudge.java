package dev.gradsum.modules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.llm.Llm;
import dev.gradsum.llm.LlmException;
import dev.gradsum.llm.LlmRequest;
import dev.gradsum.metric.Metric;
import dev.gradsum.metric.Score;
import dev.gradsum.model.Role;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.task.Criteria;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The LLM judge of the paper's evaluation step (meta-prompt {@code evaluator.md}): a model rates each
 * answer against criteria in plain language, reasoning first (chain of thought), then a score.
 *
 * <p>Contract (design §3): {@code <EXPECTED ANSWER>}, {@code <INPUT>} and {@code <OUTPUT>} in the
 * criteria are replaced before the judge sees them. The judge answers
 * {@code {"reasoning": "…", "score": n}}, code fences, prose around it and loose JSON (trailing commas,
 * single quotes, comments) tolerated; the model's own reasoning ({@code <think>} blocks) never reaches
 * it, the call path takes it out. An unusable answer is never kept in the call cache. Binary criteria
 * take 0 or 1 (also {@code true}/{@code false}); a 1..N scale is checked and normalised to
 * {@code (s-1)/(N-1)}. An answer passes when its normalised value reaches the criteria's threshold.
 * An unparseable or out-of-range answer is asked again once ({@code answer_retry.md}, sample index 1),
 * then becomes an error score saying why; never a silent 0 or 1. A call that fails for good is an
 * error score too, and so is a row without the expected-answer field; a budget stop propagates.
 *
 * <p>With {@code samples} n &gt; 1 ({@code evaluation.judge_samples}), each answer is rated n times,
 * sampled at the judge model's own temperature when it has one, else {@link #SAMPLING_TEMPERATURE}; sample
 * s asks with sample index 2s (its retry 2s+1), so cache keys and recordings keep the n verdicts apart.
 * The score is the mean of the usable samples' normalised values (a fraction for a binary judge), and it
 * passes when more than half of them pass (majority); its reason says how many passed, then the reasoning
 * of the first sample that agrees with the majority. It is an error only when no sample is usable. With
 * n = 1 the request is exactly the unsampled one above.
 * Thread-safe.
 */
public final class LlmJudge implements Metric {
    static final String EXPECTED_MARKER = "<EXPECTED ANSWER>";
    static final String INPUT_MARKER = "<INPUT>";
    static final String OUTPUT_MARKER = "<OUTPUT>";
    /** The judge's sampling temperature with several samples, when its model section sets none. */
    public static final double SAMPLING_TEMPERATURE = 1.0;

    private final Llm judge;
    private final Criteria criteria;
    private final String taskDescription;
    private final MetaPrompts prompts;
    private final int samples;
    private final Double temperature;

    public LlmJudge(Llm judge, Criteria criteria, String taskDescription, MetaPrompts prompts) {
        this(judge, criteria, taskDescription, prompts, 1);
    }

    /** A judge rating each answer {@code samples} times (see the class comment); 1 is the paper's single verdict. */
    public LlmJudge(Llm judge, Criteria criteria, String taskDescription, MetaPrompts prompts, int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("judge samples must be >= 1, was " + samples);
        }
        this.samples = samples;
        this.temperature = samples == 1 ? null : judge.defaultTemperature().orElse(SAMPLING_TEMPERATURE);
        this.judge = Objects.requireNonNull(judge, "judge");
        this.criteria = Objects.requireNonNull(criteria, "criteria");
        this.taskDescription = Objects.requireNonNull(taskDescription, "taskDescription");
        this.prompts = Objects.requireNonNull(prompts, "prompts");
        if (judge.role() != Role.JUDGE) {
            throw new IllegalArgumentException("LlmJudge needs an Llm of role JUDGE, got " + judge.role());
        }
        if (criteria.expectedField() == null && criteria.text().contains(EXPECTED_MARKER)) {
            throw new ConfigurationException("evaluation.criteria: uses " + EXPECTED_MARKER
                    + " but no expected field is set; name the data field holding the expected answer");
        }
    }

    @Override
    public String name() {
        return criteria.binary() ? "judge" : "judge(1.." + criteria.scaleMax() + ")";
    }

    @Override
    public String expectedField() {
        return criteria.expectedField();
    }

    @Override
    public Score score(Example example, String output) {
        String field = criteria.expectedField();
        String expected = field == null ? null : example.get(field);
        if (field != null && expected == null) {
            return Score.error(name() + ": field \"" + field + "\" is missing from example " + example.id()
                    + " (fields: " + String.join(", ", example.fields().keySet()) + ")");
        }
        String input = input(example);
        String request = prompts.get(MetaPrompts.EVALUATOR).render(Map.of(
                "task", taskDescription,
                "criteria", criteriaText(input, output, expected),
                "input", input,
                "output", output,
                "expected", expected == null ? "" : "<expected>\n" + expected.strip() + "\n</expected>\n",
                "scale", scale()));
        if (samples == 1) {
            return sample(request, 0);
        }
        List<Score> verdicts = new ArrayList<>(samples);
        for (int s = 0; s < samples; s++) {
            verdicts.add(sample(request, s));
        }
        return combined(verdicts);
    }

    /** One verdict: sample {@code s} of the request, asked again once when unusable. */
    private Score sample(String request, int s) {
        try {
            Verdict first = verdict(ask(request, 2 * s));
            if (first.score != null) {
                return first.score;
            }
            String retry = prompts.get(MetaPrompts.ANSWER_RETRY).render(Map.of("request", request, "problem", first.problem));
            Verdict second = verdict(ask(retry, 2 * s + 1));
            return second.score != null
                    ? second.score
                    : Score.error("judge answer unusable twice: " + second.problem);
        } catch (LlmException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            return Score.error("judge call failed: " + e.getMessage());
        }
    }

    /** The samples combined: mean value, majority pass (see the class comment). */
    static Score combined(List<Score> verdicts) {
        List<Score> usable = verdicts.stream().filter(v -> !v.error()).toList();
        if (usable.isEmpty()) {
            return Score.error("no usable judge sample of " + verdicts.size() + ": " + verdicts.get(verdicts.size() - 1).reason());
        }
        double mean = usable.stream().mapToDouble(Score::value).average().orElseThrow();
        long passed = usable.stream().filter(Score::passed).count();
        boolean pass = passed * 2 > usable.size();
        String agreeing = usable.stream().filter(v -> v.passed() == pass).map(Score::reason).findFirst().orElse("");
        String unusable = usable.size() < verdicts.size() ? ", " + (verdicts.size() - usable.size()) + " unusable" : "";
        String reason = passed + " of " + usable.size() + " judge samples passed" + unusable + ". " + agreeing;
        return new Score(mean, pass, reason, false);
    }

    private String ask(String request, int sample) {
        return judge.chat(LlmRequest.user(request).withTemperature(temperature).withSample(sample).asJson(),
                answer -> verdict(answer).score != null).text();
    }

    /** The criteria with the markers replaced by this row's values. */
    String criteriaText(String input, String output, String expected) {
        String text = criteria.text().replace(INPUT_MARKER, input).replace(OUTPUT_MARKER, output);
        return expected == null ? text : text.replace(EXPECTED_MARKER, expected);
    }

    /**
     * The row as the judge sees it: its fields other than the expected answer; a field holding a
     * conversation (a row's history, {@link PromptTemplate.Turn#listIn}) is shown turn by turn.
     */
    private String input(Example example) {
        Map<String, String> shown = example.fields().entrySet().stream()
                .filter(e -> !e.getKey().equals(criteria.expectedField()))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> conversationOr(e.getValue()), (a, b) -> a,
                        java.util.LinkedHashMap::new));
        if (shown.size() == 1) {
            return shown.values().iterator().next();
        }
        return shown.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n"));
    }

    private static String conversationOr(String value) {
        return PromptTemplate.Turn.listIn(value)
                .map(turns -> turns.stream().map(PromptTemplate.Turn::toString).collect(Collectors.joining("\n\n")))
                .orElse(value);
    }

    private String scale() {
        if (criteria.binary()) {
            return "Binary: score 1 if the output meets the criteria, 0 if it does not.";
        }
        return "An integer from 1 to " + criteria.scaleMax() + ": 1 means the output fails the criteria entirely, "
                + criteria.scaleMax() + " means it meets them fully.";
    }

    /** Reads the judge's answer into a score, or says what is wrong with it. */
    Verdict verdict(String answer) {
        Optional<ObjectNode> object = JsonExtraction.objectWithField(answer, "score");
        if (object.isEmpty()) {
            return Verdict.unusable(JsonExtraction.whyMissing(answer, "score"));
        }
        JsonNode reasoningNode = object.get().get("reasoning");
        String reasoning = reasoningNode == null || reasoningNode.isNull() ? ""
                : reasoningNode.isTextual() ? reasoningNode.asText() : reasoningNode.toString();
        JsonNode node = object.get().get("score");
        Double raw = number(node);
        if (raw == null) {
            return Verdict.unusable("\"score\" is " + node + ", not a number");
        }
        double value;
        if (criteria.binary()) {
            if (raw != 0 && raw != 1) {
                return Verdict.unusable("\"score\" is " + node + " but the scale is binary: give 0 or 1");
            }
            value = raw;
        } else {
            int max = criteria.scaleMax();
            if (raw < 1 || raw > max) {
                return Verdict.unusable("\"score\" is " + node + " but the scale is 1 to " + max);
            }
            value = (raw - 1) / (max - 1);
        }
        return new Verdict(new Score(value, value >= criteria.passThreshold(), reasoning, false), null);
    }

    private static Double number(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.asBoolean() ? 1.0 : 0.0;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isTextual()) {
            String text = node.asText().strip();
            if (text.equalsIgnoreCase("true")) {
                return 1.0;
            }
            if (text.equalsIgnoreCase("false")) {
                return 0.0;
            }
            try {
                double d = Double.parseDouble(text);
                return Double.isFinite(d) ? d : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** A judge answer read: the score, or why there is none. */
    record Verdict(Score score, String problem) {
        static Verdict unusable(String problem) {
            return new Verdict(null, problem);
        }
    }
}
