package dev.gradsum;

import dev.gradsum.llm.Budget;
import dev.gradsum.llm.CallCache;
import dev.gradsum.llm.CallListener;
import dev.gradsum.llm.ModelRoles;
import dev.gradsum.llm.Pricing;
import dev.gradsum.llm.RetryPolicy;
import dev.gradsum.llm.Sleeper;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.modules.MetaPrompts;
import dev.gradsum.search.SearchListener;
import dev.gradsum.search.SearchOptions;
import dev.gradsum.task.Dataset;
import dev.gradsum.task.Example;
import dev.gradsum.task.PromptTemplate;
import dev.gradsum.task.Split;
import dev.gradsum.task.Task;
import java.time.Duration;
import java.util.List;

/**
 * GRAD-SUM prompt optimization. Build once, then {@link #optimize()}:
 * <pre>{@code
 * OptimizationResult r = GradSum.builder()
 *     .task(task)
 *     .models(ModelRoles.of(chatModel))
 *     .dataset(Dataset.load(Path.of("data.jsonl")))
 *     .build()
 *     .optimize();
 * System.out.println(r.bestPrompt().text());
 * }</pre>
 */
public final class GradSum {
    public static Builder builder() {
        throw new UnsupportedOperationException("todo");
    }

    /** Runs the beam search and the final test. Never throws for model failures the search can absorb. */
    public OptimizationResult optimize() {
        throw new UnsupportedOperationException("todo");
    }

    /** Generates and rates {@code prompt} on {@code rows} (for {@code gradsum eval}). */
    public List<Evaluation> evaluate(PromptTemplate prompt, List<Example> rows) {
        throw new UnsupportedOperationException("todo");
    }

    /** The split this instance uses (given, or cut from the dataset with the seed). */
    public Split split() {
        throw new UnsupportedOperationException("todo");
    }

    public static final class Builder {
        /** Required. */
        public Builder task(Task task) { throw new UnsupportedOperationException("todo"); }
        /** Required. */
        public Builder models(ModelRoles models) { throw new UnsupportedOperationException("todo"); }
        /** Rows to split with {@link #splitSizes}; or give a ready {@link #split}. */
        public Builder dataset(Dataset dataset) { throw new UnsupportedOperationException("todo"); }
        /** Default: train 30, validation 30, test = the rest up to 100 (each capped by the data). */
        public Builder splitSizes(int train, int validation, int test) { throw new UnsupportedOperationException("todo"); }
        public Builder split(Split split) { throw new UnsupportedOperationException("todo"); }
        public Builder options(SearchOptions options) { throw new UnsupportedOperationException("todo"); }
        public Builder beamSize(int v) { throw new UnsupportedOperationException("todo"); }
        public Builder iterations(int v) { throw new UnsupportedOperationException("todo"); }
        public Builder candidatesPerPrompt(int v) { throw new UnsupportedOperationException("todo"); }
        public Builder minibatchSize(int v) { throw new UnsupportedOperationException("todo"); }
        public Builder patience(int v) { throw new UnsupportedOperationException("todo"); }
        public Builder summarize(boolean v) { throw new UnsupportedOperationException("todo"); }
        public Builder seed(long seed) { throw new UnsupportedOperationException("todo"); }
        public Builder maxConcurrency(int max) { throw new UnsupportedOperationException("todo"); }
        public Builder maxConcurrency(String provider, int max) { throw new UnsupportedOperationException("todo"); }
        public Builder retryPolicy(RetryPolicy policy) { throw new UnsupportedOperationException("todo"); }
        public Builder timeout(Duration timeout) { throw new UnsupportedOperationException("todo"); }
        public Builder sleeper(Sleeper sleeper) { throw new UnsupportedOperationException("todo"); }
        public Builder pricing(Pricing pricing) { throw new UnsupportedOperationException("todo"); }
        public Builder budget(Budget budget) { throw new UnsupportedOperationException("todo"); }
        public Builder cache(CallCache cache) { throw new UnsupportedOperationException("todo"); }
        public Builder metaPrompts(MetaPrompts prompts) { throw new UnsupportedOperationException("todo"); }
        /** May be called several times; all are told. */
        public Builder listener(SearchListener listener) { throw new UnsupportedOperationException("todo"); }
        public Builder callListener(CallListener listener) { throw new UnsupportedOperationException("todo"); }
        public GradSum build() { throw new UnsupportedOperationException("todo"); }
    }
}
