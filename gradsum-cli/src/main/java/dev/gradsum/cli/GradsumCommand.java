package dev.gradsum.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code gradsum} command: GRAD-SUM prompt optimization. */
@Command(name = "gradsum", mixinStandardHelpOptions = true, versionProvider = GradsumCommand.Version.class,
        description = {"GRAD-SUM prompt optimization (arXiv 2407.12865): improve a prompt from LLM-judged feedback.", ""},
        footer = {"", "Exit codes:",
                "  0  done",
                "  1  a model or provider failed",
                "  2  a mistake in the command, task file or data (nothing was called)",
                "  3  stopped on the budget (outputs written)",
                "", "Start offline with: gradsum demo"})
final class GradsumCommand implements Runnable {
    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces on errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the version Maven wrote into {@code dev/gradsum/cli/version.txt}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            try (InputStream in = GradsumCommand.class.getResourceAsStream("version.txt")) {
                String v = in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                return new String[] {"gradsum " + v, "Java " + System.getProperty("java.version")};
            }
        }
    }
}
