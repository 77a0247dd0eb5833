package dev.gradsum.bench;

import dev.gradsum.data.Split;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.model.Pricing;
import dev.gradsum.task.Task;
import java.time.Duration;
import java.util.Objects;

/**
 * One row of the benchmark table, ready to run: the task, its seeded split (the same for every
 * optimizer), the models of each role, prices and the call settings.
 *
 * @param key         short name, e.g. {@code gsm8k}
 * @param label       how the table names the row
 * @param data        where the rows came from, for the report
 * @param simulated   true for the simulated world (no language model): labelled SIMULATION everywhere
 * @param concurrency most calls in flight per provider
 * @param timeout     per-attempt timeout of a model call
 * @param truth       the ground truth when it is known (a simulated world), else {@code null}
 */
public record BenchTask(String key, String label, String data, Task task, Split split, ModelRoles models,
                        Pricing pricing, int concurrency, Duration timeout, boolean simulated, GroundTruth truth) {
    public BenchTask {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(models, "models");
    }

    /** A task whose ground truth is unknown (real models). */
    public BenchTask(String key, String label, String data, Task task, Split split, ModelRoles models,
                     Pricing pricing, int concurrency, Duration timeout, boolean simulated) {
        this(key, label, data, task, split, models, pricing, concurrency, timeout, simulated, null);
    }
}
