package dev.gradsum.bench;

import dev.gradsum.exception.ConfigurationException;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code gradsum-bench}: the benchmarks of gradsum (launcher {@code bin/gradsum-bench}).
 * <ul>
 *   <li>{@code suite [SUITE] --data-dir DIR} runs the paper's suite (or {@code --simulated}, the
 *       simulated one) over several optimizers and writes one table ({@link SuiteCommand}); with
 *       {@code --world simple,hard --seeds N} the simulated worlds over N seeds ({@link SeedBench});</li>
 *   <li>{@code engine} measures gradsum's own machinery against a local stub server
 *       ({@link EngineBench});</li>
 *   <li>{@code stub --out DIR} serves that stub on its own, with rows, a task file and promptfoo test
 *       cases, for comparisons with other tools ({@link StubCommand}).</li>
 * </ul>
 * A user mistake prints one line and exits with 2, like {@code gradsum}.
 */
@Command(name = "gradsum-bench", mixinStandardHelpOptions = true,
        description = "Benchmarks of gradsum: the paper's suite over several optimizers, and the engine's speed.",
        subcommands = {SuiteCommand.class, PlanCommand.class, EngineBench.Command.class, StubCommand.class, BatchBench.Command.class,
                CommandLine.HelpCommand.class})
public final class BenchMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the command line and returns the exit code (0 ok, 1 failure, 2 user mistake). */
    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cli = new CommandLine(new BenchMain());
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof ConfigurationException || e instanceof IllegalArgumentException) {
                err.println("gradsum-bench: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
