package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/math-word-problems/task.system.yaml}, the example's chat prompt variant, as written
 * except for its models (the simulated world's, so no key and no network): {@code plan} counts every
 * message, and {@code optimize} runs to the end with the user template kept byte for byte and the
 * messages written out. The simulated target prices orders, not word problems, so this checks the
 * machinery, not a score.
 */
class ExampleSystemPromptTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "math-word-problems");

    @TempDir
    Path dir;

    private Path copy(String taskFile) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("math-word-problems"));
        Files.copy(EXAMPLE.resolve("data.jsonl"), folder.resolve("data.jsonl"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String yaml = Files.readString(EXAMPLE.resolve(taskFile), StandardCharsets.UTF_8);
        int models = yaml.indexOf("\nmodels:\n");
        int search = yaml.indexOf("\nsearch:\n");
        yaml = yaml.substring(0, models) + "\nmodels:\n  target: {provider: simulated}\n  optimizer: {provider: simulated}"
                + yaml.substring(search) + "store: .gradsum/gradsum.db\n";
        return Files.writeString(folder.resolve(taskFile), yaml, StandardCharsets.UTF_8);
    }

    @Test
    void the_system_prompt_variant_runs_keeps_its_user_template_and_writes_each_message() throws IOException {
        Path task = copy("task.system.yaml");
        CliRunner.Outcome r = CliRunner.run(Map.of(), "optimize", task.toString(), "--out", dir.resolve("runs").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        Path run;
        try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
            run = runs.findFirst().orElseThrow();
        }
        assertThat(Files.readString(run.resolve("best_prompt.user.txt"))).isEqualTo("Problem: {question}\nAnswer:\n");
        assertThat(Files.readString(run.resolve("best_prompt.system.txt"))).startsWith("You solve math word problems.");
        assertThat(new ObjectMapper().readTree(run.resolve("best_prompt.json").toFile()).at("/messages/0/optimized")
                .asBoolean()).isTrue();
    }

    /** The low end of the target row's "in tokens" column of plan's table (such as {@code 1.9k–32.9k}). */
    private static double targetInputTokens(String plan) {
        String row = plan.lines().filter(l -> l.strip().startsWith("target ")).findFirst().orElseThrow();
        String low = row.strip().split("\\s+")[4].split("–")[0]; // role, model, calls, expected, in tokens
        return low.endsWith("k") ? Double.parseDouble(low.substring(0, low.length() - 1)) * 1000 : Double.parseDouble(low);
    }

    @Test
    void plan_counts_the_tokens_of_every_message() throws IOException {
        CliRunner.Outcome chat = CliRunner.run(Map.of(), "plan", copy("task.system.yaml").toString());
        assertThat(chat.exitCode()).as(chat.err()).isZero();
        Path plain = dir.resolve("plain");
        Files.createDirectories(plain);
        Files.copy(EXAMPLE.resolve("data.jsonl"), plain.resolve("data.jsonl"));
        String yaml = Files.readString(copy("task.system.yaml"), StandardCharsets.UTF_8)
                .replace("prompt:\n  system: |\n    You solve math word problems.\n  user: |\n    Problem: {question}\n    Answer:\n",
                        "prompt: |\n  Problem: {question}\n  Answer:\n");
        CliRunner.Outcome user = CliRunner.run(Map.of(), "plan", Files.writeString(plain.resolve("task.yaml"), yaml).toString());
        assertThat(user.exitCode()).as(user.err()).isZero();
        assertThat(targetInputTokens(chat.out())).as(chat.out()).isGreaterThan(targetInputTokens(user.out()));
    }
}
