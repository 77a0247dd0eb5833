package dev.gradsum.cli;

import dev.gradsum.GradSum;
import dev.gradsum.cli.provider.ApiKeys;
import dev.gradsum.cli.provider.ChatModels;
import dev.gradsum.cli.provider.ModelSpec;
import dev.gradsum.cli.provider.Reachability;
import dev.gradsum.cli.taskfile.TaskFile;
import dev.gradsum.cli.taskfile.TaskFileReader;
import dev.gradsum.cli.taskfile.TaskSetup;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.data.Split;
import dev.gradsum.llm.BatchApi;
import dev.gradsum.llm.BatchOptions;
import dev.gradsum.llm.CallPath;
import dev.gradsum.model.Budget;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.model.Pricing;
import dev.gradsum.model.Role;
import dev.gradsum.recording.RunDescription;
import dev.gradsum.search.SearchOptions;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task file made ready to run: read and checked against its data, with the command's flags applied.
 * {@link #connect} then reads the API keys and checks the servers (still no model call), and
 * {@link #builder} configures {@link GradSum} the same way for every command.
 */
final class TaskRun {
    final TaskFile file;
    final TaskSetup setup;
    final SearchOptions options;
    final int concurrency;
    final Pricing pricing;
    final Budget budget;
    private ModelRoles roles;
    private boolean batchEveryRole;
    private java.time.Duration batchPollInterval;
    private Map<Role, BatchApi> batchApis = Map.of();

    private TaskRun(TaskFile file, TaskSetup setup, SearchOptions options, int concurrency) {
        this.file = file;
        this.setup = setup;
        this.options = options;
        this.concurrency = concurrency;
        this.pricing = pricing(file);
        TaskFile.Budget b = file.budget();
        this.budget = new Budget(b.usd(), b.calls(), b.tokens());
    }

    /**
     * Reads and checks {@code taskFile} (as the user typed it) and its data. Makes no model call.
     *
     * @param search      the search flags, or {@code null} for a command that runs no search
     * @param concurrency {@code --concurrency}, or {@code null} for the task file's
     */
    static TaskRun load(String taskFile, SearchFlags search, Integer concurrency) {
        return load(taskFile, search, concurrency, true);
    }

    /** As {@link #load}, for scoring only ({@code eval}): the split may have no train or validation rows. */
    static TaskRun loadToScore(String taskFile, Integer concurrency) {
        return load(taskFile, null, concurrency, false);
    }

    private static TaskRun load(String taskFile, SearchFlags search, Integer concurrency, boolean searchRows) {
        if (search != null) {
            search.check();
        }
        SearchFlags.atLeast("--concurrency", concurrency, 1);
        TaskFile file = TaskFileReader.read(Path.of(taskFile), taskFile);
        TaskSetup setup = searchRows ? TaskSetup.prepare(file) : TaskSetup.prepareToScore(file);
        return new TaskRun(file, setup, options(file, search), concurrency(file, concurrency));
    }

    /**
     * Reads the keys (a missing variable fails here, by name) and checks every server accepts connections;
     * {@code notices} gets the one line told when a model's server refuses a parameter and gradsum drops it.
     */
    TaskRun connect(Map<String, String> env, java.util.function.Consumer<String> notices) {
        return connect(env, notices, false);
    }

    /**
     * As {@link #connect(Map, java.util.function.Consumer)}; when {@code replaying} (answers come only from a
     * recording, {@code --replay}) no key is read and no server checked: nothing is ever sent.
     */
    TaskRun connect(Map<String, String> env, java.util.function.Consumer<String> notices, boolean replaying) {
        ApiKeys keys = ApiKeys.resolve(file.models(), file.label(), replaying ? noKeys() : env);
        if (!replaying) {
            Reachability.check(file.models());
        }
        roles = ChatModels.roles(file.models(), keys, options.candidatesPerPrompt(), notices);
        batchApis = ChatModels.batchApis(file.models(), keys, options.candidatesPerPrompt(), batchEveryRole);
        return this;
    }

    /**
     * A prompt a flag gives instead of the task's ({@code text} read from the file {@code label} names, e.g.
     * {@code --prompt best_prompt.txt}): shaped as the task's prompt is, its placeholders checked against the data.
     */
    PromptTemplate promptFromFlag(String text, String label) {
        PromptTemplate p = TaskSetup.promptFor(file, setup.task().prompt(), text, label);
        TaskSetup.checkPlaceholders(file, p, setup.dataset(), label);
        return p;
    }

    /** {@code eval --batch}: the target's and the judge's calls go out as provider batches, whatever their sections say. */
    TaskRun batchEveryRole() {
        this.batchEveryRole = true;
        return this;
    }

    /** {@code eval --batch-poll-seconds}: polls every {@code interval}, whatever the sections say. */
    TaskRun batchPollInterval(java.time.Duration interval) {
        this.batchPollInterval = interval;
        return this;
    }

    /**
     * How batches are polled ({@link #batchPollInterval} when given, else the shortest {@code batch_poll_seconds} of the batched sections; requests are
     * gathered for at most one poll interval; failed requests go where the target's section says
     * ({@code batch_failed_requests}, default online).
     */
    private BatchOptions batchOptions() {
        BatchOptions o = BatchOptions.defaults();
        java.time.Duration poll = null;
        BatchOptions.FailedRequests failed = null;
        for (Role role : batchApis.keySet()) {
            ModelSpec.Batch b = file.model(role).batch();
            if (b == null) {
                continue;
            }
            poll = poll == null || b.pollInterval().compareTo(poll) < 0 ? b.pollInterval() : poll;
            failed = failed == null ? b.failedRequests() : failed;
        }
        poll = batchPollInterval != null ? batchPollInterval : poll;
        if (poll != null) {
            o = o.withPollInterval(poll);
            o = o.withGatherWindow(poll.compareTo(o.gatherWindow()) < 0 ? poll : o.gatherWindow());
        }
        return failed == null ? o : o.withFailedRequests(failed);
    }

    /** A stand-in value for every key variable, for a replay that sends nothing. */
    private Map<String, String> noKeys() {
        Map<String, String> env = new java.util.HashMap<>();
        file.models().values().forEach(spec -> {
            if (spec.apiKeyEnv() != null) {
                env.put(spec.apiKeyEnv(), "replaying-no-key");
            }
        });
        return env;
    }

    GradSum.Builder builder(Cli cli) {
        GradSum.Builder b = GradSum.builder()
                .task(setup.task())
                .models(roles)
                .split(setup.split())
                .options(options)
                .maxConcurrency(concurrency)
                .modelsTimeOut(true) // ChatModels builds every model with its HTTP timeout
                .sleeper(cli.sleeper())
                .pricing(pricing)
                .budget(budget);
        if (file.search().maxErrorRate() != null) {
            b.maxErrorRate(file.search().maxErrorRate());
        }
        batchApis.forEach((role, api) -> b.batchApi(roles.model(role), api));
        if (!batchApis.isEmpty()) {
            b.batchOptions(batchOptions());
        }
        // One concurrency limit per server, not per LangChain4j provider: a local Ollama and OpenAI both
        // report OPEN_AI, yet each has its own capacity (max_concurrency of its model section).
        for (Role role : Role.values()) {
            ModelSpec spec = file.model(role);
            String group = limitGroup(spec);
            b.limitGroup(roles.model(role), group);
            if (spec.maxConcurrency() != null) {
                b.maxConcurrency(group, spec.maxConcurrency());
            }
        }
        return b;
    }

    /** {@code ollama@http://localhost:11434/v1}: the provider and the server a model's calls go to. */
    static String limitGroup(ModelSpec spec) {
        String url = spec.effectiveBaseUrl();
        return url == null ? spec.provider().key() : spec.provider().key() + "@" + url;
    }

    /** Provider and model of each role after fallbacks, for reports (never keys or URLs). */
    Map<Role, RunDescription.Model> modelsByRole() {
        Map<Role, RunDescription.Model> m = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            ModelSpec spec = file.model(r);
            m.put(r, new RunDescription.Model(spec.provider().key(), spec.model()));
        }
        return m;
    }

    /** Split sizes, evaluation and concurrency, as recorded next to the result. */
    Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        Split.Sizes z = setup.sizes();
        s.put("split", "train " + z.train() + ", validation " + z.validation() + ", test " + z.test()
                + " (seed " + (file.data().seed() == null ? 0 : file.data().seed()) + ")");
        s.put("evaluation", evaluation());
        s.put("data", file.data().pathAsWritten() + " (" + setup.dataset().size() + " rows)");
        s.put("concurrency", String.valueOf(concurrency));
        String beyond = beyondThePaper();
        if (!beyond.isEmpty()) {
            s.put("beyond the paper", beyond);
        }
        return s;
    }

    /** The search options beyond the paper that differ from the defaults, e.g. {@code selection pareto, gate minibatch}. */
    private String beyondThePaper() {
        SearchOptions d = SearchOptions.defaults();
        List<String> set = new java.util.ArrayList<>();
        if (options.selection() != d.selection()) set.add("selection " + options.selection().name().toLowerCase(java.util.Locale.ROOT));
        if (options.minibatchGate()) set.add("gate minibatch");
        if (options.validation() != d.validation()) set.add("validation " + options.validation().name().toLowerCase(java.util.Locale.ROOT));
        if (options.judgeSamples() != d.judgeSamples()) set.add("judge_samples " + options.judgeSamples());
        if (options.minConfidence() != d.minConfidence()) set.add("min_confidence " + options.minConfidence());
        return String.join(", ", set);
    }

    String evaluation() {
        TaskFile.Evaluation e = file.evaluation();
        String judged = e.criteria() == null ? "" : "LLM judge, " + (e.scale() == 1 ? "binary" : "1.." + e.scale());
        if (e.metric() == null) {
            return judged;
        }
        return e.metric() + " metric" + (e.expected() == null ? "" : " on " + e.expected())
                + (judged.isEmpty() ? "" : "; criteria guide the gradients");
    }

    private static SearchOptions options(TaskFile file, SearchFlags flags) {
        TaskFile.Search s = file.search();
        SearchOptions.Builder o = SearchOptions.builder();
        if (s.beam() != null) o.beamSize(s.beam());
        if (s.iterations() != null) o.iterations(s.iterations());
        if (s.candidates() != null) o.candidatesPerPrompt(s.candidates());
        if (s.minibatch() != null) o.minibatchSize(s.minibatch());
        if (s.patience() != null) o.patience(s.patience());
        if (s.summarize() != null) o.summarize(s.summarize());
        if (s.seed() != null) o.seed(s.seed());
        if (s.selection() != null) o.selection(s.selection());
        if (s.gate() != null) o.minibatchGate(s.gate());
        if (s.validation() != null) o.validation(s.validation());
        if (s.minConfidence() != null) o.minConfidence(s.minConfidence());
        if (file.evaluation().judgeSamples() != null) o.judgeSamples(file.evaluation().judgeSamples());
        if (s.stopWhenLearned() != null) o.stopWhenLearned(s.stopWhenLearned());
        return (flags == null ? o : flags.applyTo(o)).build();
    }

    private static int concurrency(TaskFile file, Integer flag) {
        if (flag != null) {
            return flag;
        }
        return file.search().concurrency() != null ? file.search().concurrency() : CallPath.DEFAULT_MAX_CONCURRENCY;
    }

    private static Pricing pricing(TaskFile file) {
        Pricing p = Pricing.defaults();
        for (Map.Entry<String, TaskFile.Price> e : file.pricing().entrySet()) {
            p = p.with(e.getKey(), e.getValue().input(), e.getValue().output());
        }
        return p;
    }

    /** The folder receiving run folders: the flag, the task file's {@code output:}, or gradsum-runs. */
    static Path outputRoot(RunOptions flags, TaskFile file) {
        if (flags != null && flags.out != null) {
            return Path.of(flags.out);
        }
        return Path.of(file != null && file.output() != null ? file.output() : "gradsum-runs");
    }
}
