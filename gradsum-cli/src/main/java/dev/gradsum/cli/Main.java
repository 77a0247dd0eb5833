package dev.gradsum.cli;

import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.exception.GradSumException;
import dev.gradsum.internal.Causes;
import dev.gradsum.llm.CallPath;
import dev.gradsum.llm.ServerUnreachableException;
import dev.gradsum.store.SqliteStore;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine;

/**
 * Entry point of {@code gradsum}. User mistakes print one line on stderr and exit 2; model or provider
 * failures one line and exit 1; a stack trace only with {@code --verbose}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Cli.system()));
    }

    /** Runs the command line and returns the exit code (see {@link ExitCode}). */
    public static int run(String[] args, Cli cli) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        CommandLine line = commandLine(cli);
        line.setOut(new PrintWriter(cli.out(), true));
        line.setErr(new PrintWriter(cli.err(), true));
        line.setParameterExceptionHandler((e, a) -> {
            String hint = e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()
                    ? "; did you mean " + String.join(" or ", u.getSuggestions()) + "?" : "";
            String name = e.getCommandLine().getCommandSpec().qualifiedName();
            cli.err().println(name + ": " + e.getMessage() + hint + " (see " + name + " --help)");
            return ExitCode.USAGE;
        });
        line.setExecutionExceptionHandler((e, l, parsed) -> failed(e, cli, verbose));
        return line.execute(args);
    }

    static CommandLine commandLine(Cli cli) {
        CommandLine line = new CommandLine(new GradsumCommand());
        line.addSubcommand(new CommandLine(new OptimizeCommand(cli)));
        line.addSubcommand(new CommandLine(new EvalCommand(cli)));
        line.addSubcommand(new CommandLine(new JudgeCheckCommand(cli)));
        line.addSubcommand(new CommandLine(new PlanCommand(cli)));
        line.addSubcommand(new CommandLine(new DemoCommand(cli)));
        line.addSubcommand(new CommandLine(new CompletionCommand(cli)));
        line.addSubcommand(new CommandLine(new RunsCommand(cli)).addSubcommand(new RunsCommand.Show(cli)));
        line.addSubcommand(new CommandLine(new ReportCommand(cli)));
        line.addSubcommand(new CommandLine(new CacheCommand(cli))
                .addSubcommand(new CacheCommand.Stats(cli)).addSubcommand(new CacheCommand.Clear(cli)));
        return line;
    }

    /** One line for the user, and the exit code that says what kind of failure it was. */
    static int failed(Exception e, Cli cli, boolean verbose) {
        int code;
        String message;
        ServerUnreachableException unreachable = Causes.find(e, ServerUnreachableException.class).orElse(null);
        if (e instanceof ConfigurationException c) {
            code = ExitCode.USAGE;
            message = c.getMessage() + whereToSet(c);
        } else if (unreachable != null) {
            code = ExitCode.RUN_FAILED;
            message = unreachable.getMessage();
        } else if (e instanceof GradSumException g) {
            code = ExitCode.RUN_FAILED;
            message = g.getMessage() + whereToSet(g);
        } else {
            code = ExitCode.RUN_FAILED;
            message = "gradsum: internal error: " + e + (verbose ? "" : " (run with --verbose for the stack trace)");
        }
        cli.err().println(oneLine(message));
        if (verbose) {
            e.printStackTrace(cli.err());
        }
        cli.err().flush();
        return code;
    }

    /** The command line's flags and keys for the library settings a message names ({@link GradSumException#setting()}). */
    private static final Map<String, String> FLAGS = Map.of(
            SqliteStore.SETTING, "--store PATH, or store: in the task file",
            SqliteStore.RESUME_SETTING, "the same task file and search flags, or no --resume",
            CallPath.MAX_ERROR_RATE_SETTING, "search.max_error_rate");

    /** {@code " (models.target.timeout_seconds)"}: where the command line sets the setting {@code e} names, or "". */
    static String whereToSet(GradSumException e) {
        return e.setting().map(Main::flagsFor).map(flags -> " (" + flags + ")").orElse("");
    }

    private static String flagsFor(String setting) {
        if (setting.startsWith(CallPath.TIMEOUT_SETTING_PREFIX)) {
            return "models." + setting.substring(CallPath.TIMEOUT_SETTING_PREFIX.length()) + ".timeout_seconds";
        }
        return FLAGS.get(setting);
    }

    private static String oneLine(String message) {
        return message == null ? "(no message)" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
