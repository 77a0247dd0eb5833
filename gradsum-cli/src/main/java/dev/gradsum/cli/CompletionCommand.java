package dev.gradsum.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gradsum completion}: prints the bash/zsh completion script. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print the shell completion script for bash and zsh.",
                "bash: source <(gradsum completion)",
                "zsh:  autoload -U +X bashcompinit && bashcompinit",
                "      source <(gradsum completion)"})
final class CompletionCommand implements Callable<Integer> {
    private final Cli cli;

    @Spec
    CommandSpec spec;

    CompletionCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        cli.out().print(AutoComplete.bash(root.getCommandName(), root));
        cli.out().flush();
        return ExitCode.OK;
    }
}
