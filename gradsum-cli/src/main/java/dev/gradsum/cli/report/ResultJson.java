package dev.gradsum.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradsum.model.Budget;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.modules.Gradient;
import dev.gradsum.recording.RunDescription;
import dev.gradsum.recording.SearchSettings;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.Iteration;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.ScoredCandidate;
import dev.gradsum.search.TestScore;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code result.json}: everything a run found, in a fixed field order (documented in
 * {@code docs/result-json.md}). Scores are in [0, 1]; a score that does not exist (nothing rated) is
 * {@code null}. Holds model names, never keys.
 */
final class ResultJson {
    /** Bumped whenever a field changes meaning or disappears; adding fields keeps the version. */
    static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final RunInfo info;
    private final OptimizationResult result;
    private final TestEvaluations tests;
    private final CandidateIndex index;

    ResultJson(RunInfo info, OptimizationResult result, TestEvaluations tests, CandidateIndex index) {
        this.info = info;
        this.result = result;
        this.tests = tests;
        this.index = index;
    }

    String render() {
        try {
            return MAPPER.writeValueAsString(tree()) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write result.json: " + e.getMessage(), e);
        }
    }

    JsonNode tree() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema_version", SCHEMA_VERSION);
        root.put("run_id", info.runId());
        ObjectNode task = root.putObject("task");
        task.put("name", info.taskName());
        task.put("description", info.taskDescription());
        task.put("file", info.taskFile() == null ? null : info.taskFile().toString());
        root.put("started", info.started().toString());
        root.put("elapsed_seconds", result.elapsed() == null ? null : result.elapsed().toMillis() / 1000.0);
        root.put("stop_reason", result.stopReason() == null ? null : result.stopReason().name().toLowerCase(Locale.ROOT));
        root.put("simulated", info.simulated());
        root.set("config", config());
        root.set("initial_prompt", prompt(result.initial()));
        root.set("best_prompt", prompt(result.best()));
        ArrayNode iterations = root.putArray("iterations");
        result.iterations().forEach(it -> iterations.add(iteration(it)));
        ArrayNode lineage = root.putArray("lineage");
        index.all().forEach(c -> lineage.add(lineageEntry(c)));
        ArrayNode feedback = root.putArray("feedback");
        result.iterations().forEach(it -> feedbackOf(it, feedback));
        root.set("test", test());
        root.set("usage", usage());
        return root;
    }

    private ObjectNode config() {
        ObjectNode config = MAPPER.createObjectNode();
        ObjectNode models = config.putObject("models");
        for (Role role : Role.values()) {
            RunDescription.Model m = info.models().get(role);
            if (m == null) continue;
            ObjectNode node = models.putObject(role.key());
            node.put("provider", m.provider());
            node.put("model", m.name());
        }
        SearchSettings o = info.search();
        ObjectNode search = config.putObject("search");
        search.put("beam", o.beam());
        search.put("iterations", o.iterations());
        search.put("candidates", o.candidates());
        search.put("minibatch", o.minibatch());
        search.put("patience", o.patience());
        search.put("summarize", o.summarize());
        search.put("bootstrap_samples", o.bootstrapSamples());
        search.put("seed", o.seed());
        LaterSearchKnobs.changed(o).forEach((name, value) -> {
            if (value instanceof Boolean b) search.put(name, b);
            else if (value instanceof Integer i) search.put(name, i);
            else if (value instanceof Double d) search.put(name, d);
            else search.put(name, String.valueOf(value));
        });
        Budget b = info.budget();
        ObjectNode budget = config.putObject("budget");
        budget.put("usd", b.usd());
        budget.put("calls", b.calls());
        budget.put("tokens", b.tokens());
        ObjectNode settings = config.putObject("settings");
        info.settings().forEach(settings::put);
        return config;
    }

    private ObjectNode prompt(Candidate c) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", c.id());
        node.put("text", c.prompt().text());
        if (c.prompt().isChat()) {
            var messages = node.putArray("messages");
            for (var m : c.prompt().messages()) {
                messages.addObject().put("name", m.name()).put("role", m.role().key())
                        .put("content", m.template().text()).put("optimized", m.optimized());
            }
            node.put("history", c.prompt().history());
        }
        ScoredCandidate latest = index.latestScore(c.id());
        putNumber(node, "validation_score", latest == null ? Double.NaN : latest.score());
        return node;
    }

    private ObjectNode iteration(Iteration it) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("index", it.index());
        putNumber(node, "best_validation_score", index.bestValidationScore(it));
        ObjectNode train = node.putObject("train_scores");
        for (String id : index.inCreationOrder(it.trainScores().keySet())) putNumber(train, id, it.trainScores().get(id));
        ArrayNode validation = node.putArray("validation");
        for (ScoredCandidate sc : it.scored()) {
            ObjectNode v = validation.addObject();
            v.put("id", sc.candidate().id());
            putNumber(v, "score", sc.score());
            v.put("rated", sc.rated());
            v.put("errors", sc.errors());
        }
        ArrayNode beam = node.putArray("beam");
        it.beam().forEach(beam::add);
        ArrayNode dropped = node.putArray("dropped");
        it.dropped().forEach(dropped::add);
        node.put("improved", it.improved());
        return node;
    }

    private ObjectNode lineageEntry(Candidate c) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", c.id());
        node.put("parent", c.parentId());
        node.put("iteration", c.iteration());
        node.put("prompt", c.prompt().text());
        node.put("feedback", c.feedback());
        ScoredCandidate latest = index.latestScore(c.id());
        putNumber(node, "validation_score", latest == null ? Double.NaN : latest.score());
        return node;
    }

    private void feedbackOf(Iteration it, ArrayNode out) {
        Set<String> parents = new LinkedHashSet<>(index.inCreationOrder(it.gradients().keySet()));
        parents.addAll(index.inCreationOrder(it.summaries().keySet()));
        parents.addAll(index.inCreationOrder(it.trainScores().keySet()));
        for (String parent : parents) {
            ObjectNode node = out.addObject();
            node.put("iteration", it.index());
            node.put("parent", parent);
            Double train = it.trainScores().get(parent);
            putNumber(node, "train_score", train == null ? Double.NaN : train);
            ArrayNode gradients = node.putArray("gradients");
            for (Gradient g : it.gradients().getOrDefault(parent, List.of())) {
                ObjectNode gn = gradients.addObject();
                gn.put("example", g.exampleId());
                gn.put("text", g.text());
            }
            node.put("summary", it.summaries().get(parent));
            ArrayNode kids = node.putArray("children");
            index.children(parent).stream().filter(c -> c.iteration() == it.index()).forEach(c -> kids.add(c.id()));
        }
    }

    private JsonNode test() {
        TestScore t = result.test();
        if (t == null) return MAPPER.nullNode();
        ObjectNode node = MAPPER.createObjectNode();
        node.put("rows", t.rows());
        putNumber(node, "initial", t.initial());
        putNumber(node, "best", t.best());
        putNumber(node, "difference", t.difference());
        ObjectNode ci = node.putObject("ci95");
        putNumber(ci, "low", t.low());
        putNumber(ci, "high", t.high());
        node.put("initial_errors", t.initialErrors());
        node.put("best_errors", t.bestErrors());
        ArrayNode examples = node.putArray("examples");
        Map<String, Evaluation> best = new LinkedHashMap<>();
        tests.best().forEach(e -> best.put(e.generation().example().id(), e));
        for (Evaluation initial : tests.initial()) {
            String id = initial.generation().example().id();
            ObjectNode row = examples.addObject();
            row.put("id", id);
            row.set("initial", outcome(initial));
            row.set("best", outcome(best.get(id)));
        }
        return node;
    }

    private JsonNode outcome(Evaluation e) {
        if (e == null) return MAPPER.nullNode();
        ObjectNode node = MAPPER.createObjectNode();
        boolean error = e.score().error() || e.generation().failed();
        putNumber(node, "score", error ? Double.NaN : e.score().value());
        node.put("passed", e.score().passed());
        node.put("error", error);
        return node;
    }

    private ObjectNode usage() {
        ObjectNode node = MAPPER.createObjectNode();
        for (Role role : Role.values()) {
            Usage u = result.usage().get(role);
            if (u != null) node.set(role.key(), usageOf(u));
        }
        node.set("total", usageOf(result.total() == null ? Usage.ZERO : result.total()));
        return node;
    }

    private static ObjectNode usageOf(Usage u) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("requests", u.requests());
        node.put("calls", u.calls());
        node.put("cached_calls", u.cachedCalls());
        node.put("retries", u.retries());
        node.put("failures", u.failures());
        node.put("input_tokens", u.inputTokens());
        node.put("output_tokens", u.outputTokens());
        node.put("total_tokens", u.totalTokens());
        if (u.tokensEstimated()) {
            node.put("tokens_estimated", true);
            node.put("estimated_calls", u.estimatedCalls());
        }
        node.put("cost_usd", u.costUsd());
        if (u.costUnknown()) {
            node.put("cost_unknown", true);
            node.put("unpriced_calls", u.unpricedCalls());
        }
        return node;
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) node.put(field, value);
        else node.putNull(field);
    }
}
