package dev.gradsum.cli;

import dev.gradsum.llm.Sleeper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Runs {@code gradsum} in-process with a given environment; records output and every wait. */
final class CliRunner {
    /** What one command run left behind. */
    record Outcome(int exitCode, String out, String err, List<Duration> sleeps) {
        /** stderr as lines, without a trailing empty one. */
        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\\R"));
        }
    }

    private CliRunner() {
    }

    static Outcome run(Map<String, String> env, String... args) {
        return run(env, Clock.systemUTC(), args);
    }

    /** As {@link #run(Map, String...)}, with the clock the command reads (run ids, timestamps). */
    static Outcome run(Map<String, String> env, Clock clock, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
        Sleeper recording = sleeps::add;
        Cli cli = new Cli(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, recording, clock);
        int code = Main.run(args, cli);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                List.copyOf(sleeps));
    }
}
