package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** eval, plan, demo, completion, --help and --version. */
class CommandsTest {
    static final Map<String, String> ENV = Map.of("STUB_KEY", "k");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"optimize", "eval", "plan", "demo", "completion"})
    void every_command_has_help(String command) {
        CliRunner.Outcome r = CliRunner.run(ENV, command, "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Usage: gradsum " + command);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "optimize", "eval", "plan", "demo", "completion", "runs", "runs show", "report", "cache",
            "cache stats", "cache clear"})
    void help_fits_80_columns_without_splitting_a_word_or_path(String command) {
        String[] args = (command.isEmpty() ? "--help" : command + " --help").split(" ");
        CliRunner.Outcome r = CliRunner.run(ENV, args);
        List<String> lines = r.out().lines().toList();

        assertThat(r.exitCode()).isZero();
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
        // picocli may wrap after a dot inside a word: "search.\n    concurrency", "gradsum.\n    db"
        assertThat(r.out()).doesNotContainPattern("\\.\\R {4,}[a-z]");
    }

    @Test
    void version_and_top_level_help() {
        CliRunner.Outcome v = CliRunner.run(ENV, "--version");
        assertThat(v.exitCode()).isZero();
        assertThat(v.out()).startsWith("gradsum ").doesNotContain("${");
        CliRunner.Outcome h = CliRunner.run(ENV);
        assertThat(h.out()).contains("optimize", "eval", "plan", "demo", "completion", "Exit codes");
    }

    @Test
    void completion_prints_a_bash_script_covering_the_commands() {
        CliRunner.Outcome r = CliRunner.run(ENV, "completion");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("complete -F", "optimize", "--no-summarize");
    }

    @Test
    void eval_scores_the_task_prompt_and_a_prompt_file_on_the_chosen_split() throws IOException {
        try (ModelServerStub stub = new ModelServerStub(TaskFolder.CAPITALS)) {
            TaskFolder folder = new TaskFolder(dir);
            String model = TaskFolder.openAi(stub.baseUrl(), "");
            Path task = folder.task(TaskFolder.yaml(model, model, ""));
            Path better = folder.write("better.txt", "Name the capital of {country}. " + ModelServerStub.FIX);

            CliRunner.Outcome initial = CliRunner.run(ENV, "eval", task.toString());
            CliRunner.Outcome improved = CliRunner.run(ENV, "eval", task.toString(), "--prompt", better.toString(),
                    "--split", "validation");

            assertThat(initial.exitCode()).as(initial.err()).isZero();
            assertThat(initial.out()).startsWith("Score 0.000 on the test split: 0 of 4 rated rows passed.");
            assertThat(improved.exitCode()).as(improved.err()).isZero();
            assertThat(improved.out()).startsWith("Score 1.000 on the validation split: 4 of 4 rated rows passed.");
        }
    }

    @Test
    void eval_rejects_a_prompt_file_whose_placeholder_is_not_in_the_data() {
        TaskFolder folder = new TaskFolder(dir);
        String model = "{provider: openai-compatible, model: m, base_url: http://127.0.0.1:1/v1}";
        Path task = folder.task(TaskFolder.yaml(model, model, ""));
        Path bad = folder.write("bad.txt", "Capital of {land}?");

        CliRunner.Outcome r = CliRunner.run(ENV, "eval", task.toString(), "--prompt", bad.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly(task + ": --prompt " + bad
                + ": placeholder {land} is not in data row 1 at data.jsonl:1 (fields: country, capital)");
    }

    @Test
    void plan_prints_calls_per_role_and_a_cost_range_without_calling_a_model() {
        TaskFolder folder = new TaskFolder(dir);
        String target = "{provider: openai, model: gpt-4o-mini, base_url: \"http://127.0.0.1:1/v1\"}";
        Path task = folder.task(TaskFolder.yaml(target, "{provider: openai, model: gpt-4o}", ""));

        CliRunner.Outcome r = CliRunner.run(Map.of(), "plan", task.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("no model is called").contains("target").contains("openai/gpt-4o-mini")
                .contains("editor").contains("openai/gpt-4o ").contains("24–120").contains("Assumptions:")
                .contains("stop when learned on");
        assertThat(r.out()).containsPattern("total\\s+24–120\\s+\\d+\\.\\d\\d–\\d+\\.\\d\\d");
    }

    @Test
    void plan_fits_100_columns_with_tokens_in_k_and_m() {
        TaskFolder folder = new TaskFolder(dir);
        String target = "{provider: openai-compatible, model: a-rather-long-local-model-name-q4, base_url: \"http://127.0.0.1:1/v1\"}";
        Path task = folder.task(TaskFolder.yaml(target, "{provider: anthropic, model: claude-3-5-sonnet-20241022}",
                "").replace("search: {beam: 2, iterations: 2", "search: {beam: 3, iterations: 10"));

        CliRunner.Outcome r = CliRunner.run(Map.of(), "plan", task.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(100));
        assertThat(r.out()).containsPattern("role\\s+model\\s+calls\\s+in tokens\\s+out tokens\\s+USD")
                .containsPattern("target\\s+openai-compatible/a-r\\S*…\\S*name-q4\\s+[\\d,–]+\\s+[\\d.]+k?–[\\d.]+k\\s+[\\d.]+k–[\\d.]+k\\s+unknown\\R")
                .containsPattern("editor\\s+anthropic/claude-3-5-sonnet-20241022\\s")
                .contains("no price for a-rather-long-local-model-name-q4");
    }

    @Test
    void plan_counts_the_simulated_provider_as_free() {
        TaskFolder folder = new TaskFolder(dir);
        Path task = folder.task(TaskFolder.yaml("{provider: simulated}", "{provider: simulated}", ""));

        CliRunner.Outcome r = CliRunner.run(Map.of(), "plan", task.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("target\\s+simulated/simulated\\s.*\\s0\\.00\\R")
                .containsPattern("total\\s+[\\d,–]+\\s+0\\.00\\R")
                .doesNotContain("unknown", "no price");
    }

    @Test
    void plan_offers_only_the_flags_that_change_its_estimate() {
        TaskFolder folder = new TaskFolder(dir);
        Path task = folder.task(TaskFolder.yaml("{provider: openai, model: gpt-4o-mini}", "{provider: openai, model: gpt-4o}", ""));

        CliRunner.Outcome help = CliRunner.run(Map.of(), "plan", "--help");
        CliRunner.Outcome out = CliRunner.run(Map.of(), "plan", task.toString(), "--out", dir.toString());
        CliRunner.Outcome concurrency = CliRunner.run(Map.of(), "plan", task.toString(), "--concurrency", "2");
        CliRunner.Outcome fewer = CliRunner.run(Map.of(), "plan", task.toString(), "--iterations", "1");

        assertThat(help.out()).contains("--seed", "--iterations", "--beam", "--no-summarize")
                .doesNotContain("--out", "--concurrency", "--store");
        assertThat(out.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(out.err()).contains("--out");
        assertThat(concurrency.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(fewer.exitCode()).as(fewer.err()).isZero();
        assertThat(fewer.out()).contains("up to 1 iterations");
    }

    @Test
    void eval_offers_no_search_flags() {
        CliRunner.Outcome help = CliRunner.run(Map.of(), "eval", "--help");

        // --output FILE (issue 14: where the --format report goes) is not the run folder's --out DIR
        assertThat(help.out()).contains("--concurrency", "--store", "--no-cache", "--output")
                .doesNotContain("--seed", "--iterations", "--beam")
                .doesNotContainPattern("--out(?!put)");
    }

    @Test
    void demo_is_labelled_a_simulation_and_writes_a_run_folder() throws IOException {
        CliRunner.Outcome r = CliRunner.run(Map.of(), "demo", "--iterations", "2", "--out", dir.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("SIMULATION: no real language model is called.");
        assertThat(r.out()).contains("(This was a SIMULATION.");
        try (Stream<Path> runs = Files.list(dir)) {
            Path run = runs.findFirst().orElseThrow();
            assertThat(run.resolve("best_prompt.txt")).isNotEmptyFile();
            assertThat(Files.readString(run.resolve("report.html"))).containsIgnoringCase("simulat");
        }
    }
}
