package dev.gradsum.cli;

import dev.gradsum.llm.Sleeper;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * What the commands take from the world: environment variables (API keys), the two output streams,
 * whether a person watches a terminal, and the time seams. Tests pass their own; {@link #system()}
 * is the real process.
 *
 * @param interactive a console is attached and {@code CI} is unset: progress is a live line
 */
public record Cli(Map<String, String> env, PrintStream out, PrintStream err, boolean interactive, Sleeper sleeper,
                  Clock clock) {
    public Cli {
        env = Map.copyOf(env);
    }

    public static Cli system() {
        Map<String, String> env = System.getenv();
        boolean ci = env.containsKey("CI") && !"false".equalsIgnoreCase(env.get("CI"));
        return new Cli(env, System.out, System.err, System.console() != null && !ci, Sleeper.system(),
                Clock.systemUTC());
    }
}
