package dev.gradsum.bench;

import dev.gradsum.cli.provider.ApiKeys;
import dev.gradsum.cli.provider.ChatModels;
import dev.gradsum.cli.provider.ModelSpec;
import dev.gradsum.cli.taskfile.TaskFile;
import dev.gradsum.cli.taskfile.TaskFileReader;
import dev.gradsum.cli.taskfile.TaskSetup;
import dev.gradsum.data.Split;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.llm.CallCache;
import dev.gradsum.llm.CallPath;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.model.Pricing;
import dev.gradsum.simulation.HardWorld;
import dev.gradsum.simulation.SimulatedWorld;
import dev.gradsum.store.SqliteStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Turns a suite into runnable {@link BenchTask}s. A real suite is a folder of gradsum task files (or
 * one file) whose {@code data.path} is read relative to the data folder given at run time, so the data
 * never lives in the repository; a task whose data file is missing is skipped with the reason. The
 * simulated suite is gradsum's simulated world drawn with several seeds, labelled SIMULATION.
 */
public final class SuiteLoader {
    private SuiteLoader() {
    }

    /** What a suite holds: the tasks that can run and the ones skipped. */
    public record Suite(String name, List<BenchTask> tasks, List<Skipped> skipped) {
    }

    /**
     * Reads the task files of {@code suite} (a folder: its {@code *.yaml} files in name order) with data
     * under {@code dataDir}, and builds each task's models from its file with the keys in {@code env}.
     *
     * @param only task names to keep (empty: all)
     */
    public static Suite load(Path suite, Path dataDir, List<String> only, Map<String, String> env) {
        return load(suite, dataDir, only,
                f -> ChatModels.roles(f.models(), ApiKeys.resolve(f.models(), f.label(), env)), null);
    }

    /**
     * {@link #load(Path, Path, List, Map)} with each task's models built by {@code models}; a task with
     * {@code bench: {first_turn: …}} ({@link FirstTurn}) has its first turns answered on {@code firstTurns},
     * or, when that is {@code null}, on the task's store.
     */
    static Suite load(Path suite, Path dataDir, List<String> only, Function<TaskFile, ModelRoles> models,
                      CallCache firstTurns) {
        List<Path> files = taskFiles(suite);
        List<BenchTask> tasks = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Path file : files) {
            List<FirstTurn.Option> firstTurn = new ArrayList<>();
            TaskFile read = TaskFileReader.read(file, file.toString(), FirstTurn.KEY,
                    node -> firstTurn.add(FirstTurn.Option.read(node, file.toString())));
            if (!only.isEmpty() && !only.contains(read.name())) {
                continue;
            }
            TaskFile relocated = withDataUnder(read, dataDir);
            if (!Files.isRegularFile(relocated.data().path())) {
                skipped.add(new Skipped(read.name(), "data file not found: " + relocated.data().path()
                        + " (see docs/benchmarks.md for where to get it)"));
                continue;
            }
            ModelRoles roles = models.apply(relocated);
            String answered = "";
            if (!firstTurn.isEmpty()) {
                FirstTurn.Answered a = answerFirstTurns(relocated, firstTurn.get(0), roles, firstTurns);
                answered = "; " + a.label();
                TaskFile.Data d = relocated.data();
                relocated = relocated.withData(new TaskFile.Data(a.data(), d.pathAsWritten(), d.format(), d.fields(),
                        d.train(), d.validation(), d.test(), d.seed()));
            }
            TaskSetup setup = TaskSetup.prepare(relocated);
            tasks.add(new BenchTask(read.name(), read.name(), relocated.data().pathAsWritten() + " ("
                    + setup.dataset().size() + " rows" + answered + ")", setup.task(), setup.split(), roles,
                    pricing(relocated), concurrency(relocated), timeout(relocated), false));
        }
        String name = Files.isDirectory(suite) ? suite.getFileName().toString() : read(suite);
        return new Suite(name, tasks, skipped);
    }

    /** The first turns of {@code file}'s rows, answered on {@code cache} or else on the task's store. */
    private static FirstTurn.Answered answerFirstTurns(TaskFile file, FirstTurn.Option option, ModelRoles models,
                                                       CallCache cache) {
        try {
            Path folder = Files.createTempDirectory("gradsum-bench-" + file.name() + "-");
            folder.toFile().deleteOnExit();
            FirstTurn.Answered answered;
            if (cache != null) {
                answered = FirstTurn.answer(file, option, models, cache, concurrency(file), timeout(file), folder);
            } else {
                try (SqliteStore store = SqliteStore.open(file.store() != null ? file.store() : SqliteStore.DEFAULT_PATH)) {
                    answered = FirstTurn.answer(file, option, models, store, concurrency(file), timeout(file), folder);
                }
            }
            answered.data().toFile().deleteOnExit();
            return answered;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The simulated suite: {@code worlds} simulated worlds (seeds {@link SimulatedWorld#DEFAULT_SEED},
     * then 1, 2, ...), each split {@code train}/{@code validation}/{@code test} with {@code seed}.
     */
    public static Suite simulated(int worlds, int train, int validation, int test, long seed, int concurrency) {
        List<BenchTask> tasks = new ArrayList<>();
        for (int w = 0; w < worlds; w++) {
            tasks.add(world(SIMPLE, w == 0 ? SimulatedWorld.DEFAULT_SEED : w, train, validation, test, seed, concurrency));
        }
        return new Suite("simulated", tasks, List.of());
    }

    /** The first simulated world (orders), {@link SimulatedWorld}. */
    public static final String SIMPLE = "simple";
    /** The harder simulated world (parcels), {@link HardWorld}. */
    public static final String HARD = "hard";
    /** The simulated worlds by name. */
    public static final List<String> WORLDS = List.of(SIMPLE, HARD);

    /**
     * One task of simulated world {@code kind} ({@link #WORLDS}) with rows drawn from {@code worldSeed},
     * split with {@code splitSeed}, its ground truth attached.
     */
    public static BenchTask world(String kind, long worldSeed, int train, int validation, int test, long splitSeed,
                                  int concurrency) {
        return world(kind, worldSeed, train, validation, test, splitSeed, concurrency, HardWorld.DEFAULT_JUDGE_ERROR_RATE);
    }

    /** Like {@link #world(String, long, int, int, int, long, int)}, the hard world's judge wrong on {@code hardJudgeError}. */
    public static BenchTask world(String kind, long worldSeed, int train, int validation, int test, long splitSeed,
                                  int concurrency, double hardJudgeError) {
        switch (kind) {
            case SIMPLE -> {
                SimulatedWorld world = SimulatedWorld.create(worldSeed);
                return new BenchTask("simulated-" + world.seed(), "SIMULATION orders (world seed " + world.seed() + ")",
                        world.dataset().name(), world.task(), Split.of(world.dataset(), train, validation, test, splitSeed),
                        world.models(), Pricing.none(), concurrency, Duration.ofSeconds(30), true, world::correct);
            }
            case HARD -> {
                HardWorld world = HardWorld.create(worldSeed, hardJudgeError);
                return new BenchTask("simulated-hard-" + world.seed(), "SIMULATION hard parcels (world seed "
                        + world.seed() + ", judge wrong on " + Math.round(world.judgeErrorRate() * 100) + "%)",
                        world.dataset().name(), world.task(), Split.of(world.dataset(), train, validation, test, splitSeed),
                        world.models(), Pricing.none(), concurrency, Duration.ofSeconds(30), true, world::correct);
            }
            default -> throw new IllegalArgumentException("unknown world \"" + kind + "\"; known: " + String.join(", ", WORLDS));
        }
    }

    private static List<Path> taskFiles(Path suite) {
        if (Files.isRegularFile(suite)) {
            return List.of(suite);
        }
        if (!Files.isDirectory(suite)) {
            throw new ConfigurationException(suite + ": suite not found; give a folder of task files or one task file");
        }
        try (Stream<Path> files = Files.list(suite)) {
            List<Path> yaml = files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
            if (yaml.isEmpty()) {
                throw new ConfigurationException(suite + ": no task files (*.yaml) in this folder");
            }
            return yaml;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The task file with its data path resolved against {@code dataDir} instead of its own folder. */
    static TaskFile withDataUnder(TaskFile f, Path dataDir) {
        TaskFile.Data d = f.data();
        TaskFile.Data moved = new TaskFile.Data(dataDir.resolve(d.pathAsWritten()), d.pathAsWritten(), d.format(),
                d.fields(), d.train(), d.validation(), d.test(), d.seed());
        return new TaskFile(f.file(), f.label(), f.name(), f.description(), f.prompt(), f.promptKey(), moved,
                f.evaluation(), f.models(), f.search(), f.budget(), f.store(), f.output(), f.pricing());
    }

    static Pricing pricing(TaskFile file) {
        Pricing p = Pricing.defaults();
        for (Map.Entry<String, TaskFile.Price> e : file.pricing().entrySet()) {
            p = p.with(e.getKey(), e.getValue().input(), e.getValue().output());
        }
        return p;
    }

    private static int concurrency(TaskFile file) {
        return file.search().concurrency() != null ? file.search().concurrency() : 8;
    }

    private static Duration timeout(TaskFile file) {
        return file.models().values().stream().map(ModelSpec::timeout).max(Duration::compareTo)
                .orElse(CallPath.DEFAULT_TIMEOUT).plusSeconds(10);
    }

    private static String read(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") ? name.substring(0, name.length() - 5) : name;
    }
}
