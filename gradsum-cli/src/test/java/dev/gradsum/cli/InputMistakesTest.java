package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 9: input that used to slip through, or failed with an internal error, is exit 2 and one
 * line naming the file and line or key (docs/cli.md, exit code 2); valid YAML anchors and aliases and
 * long data values are accepted. Nothing listens at the target's address, so no test reaches a model.
 */
class InputMistakesTest {
    static final Map<String, String> ENV = UserMistakesTest.ENV;
    static final String TARGET = UserMistakesTest.TARGET;

    @TempDir
    Path dir;
    TaskFolder folder;
    String label;

    @BeforeEach
    void setUp() {
        folder = new TaskFolder(dir);
        label = dir.resolve("task.yaml").toString();
    }

    private String valid() {
        return TaskFolder.yaml(TARGET, TARGET, "");
    }

    /** Runs {@code plan} and {@code optimize} and expects exit 2 with exactly {@code message}. */
    private void expectMistake(String message, String... flags) {
        for (String command : new String[] {"plan", "optimize"}) {
            String[] args = new String[flags.length + (command.equals("optimize") ? 4 : 2)];
            args[0] = command;
            args[1] = label;
            System.arraycopy(flags, 0, args, 2, flags.length);
            if (command.equals("optimize")) {
                args[args.length - 2] = "--out";
                args[args.length - 1] = dir.resolve("runs").toString();
            }
            CliRunner.Outcome r = CliRunner.run(ENV, args);
            assertThat(r.exitCode()).as(command + ": " + r.err()).isEqualTo(2);
            assertThat(r.errLines()).as(command).containsExactly(message);
        }
    }

    @Test
    void a_jsonl_line_longer_than_jacksons_default_string_limit_is_read() {
        String longContext = "x".repeat(21_000_000);
        folder.write("data.jsonl", read("data.jsonl").replaceFirst(
                "\"capital\": \"Paris\"", "\"capital\": \"Paris\", \"context\": \"" + longContext + "\""));
        folder.task(valid());

        CliRunner.Outcome r = CliRunner.run(ENV, "plan", label);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("internal error");
    }

    @Test
    void yaml_anchors_aliases_and_merge_keys_work_as_yaml_defines_them() {
        folder.task(valid().replace("  target: " + TARGET, "  target: &m " + TARGET)
                .replace("  optimizer: " + TARGET, "  optimizer: *m\n  judge: {<<: *m, temperature: 0.5}"));

        CliRunner.Outcome r = CliRunner.run(ENV, "plan", label);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("judge").doesNotContain("expected a map");
    }

    @Test
    void an_alias_without_its_anchor_names_the_line() {
        folder.task(valid().replace("  optimizer: " + TARGET, "  optimizer: *missing"));
        expectMistake(label + ":15: not valid YAML: alias *missing names no anchor (&missing) above it");
    }

    @Test
    void a_data_row_missing_a_prompt_field_is_caught_by_plan_with_file_and_line() {
        String rows = read("data.jsonl");
        String[] lines = rows.split("\n");
        lines[4] = lines[4].replace("\"country\"", "\"nation\"");
        folder.write("data.jsonl", String.join("\n", lines) + "\n");
        folder.task(valid());

        expectMistake(label + ": prompt: placeholder {country} is not in data row 5 at data.jsonl:5 (fields: nation,"
                + " capital)");
    }

    @Test
    void a_directory_given_as_data_path_is_named_as_a_directory() throws Exception {
        Files.createDirectories(dir.resolve("rows"));
        folder.task(valid().replace("path: data.jsonl", "path: rows"));
        expectMistake(label + ": data.path: rows is a directory, not a data file; give the .jsonl, .csv or .json file in it");
    }

    @Test
    void a_directory_named_like_a_data_file_is_named_as_a_directory() throws Exception {
        Files.createDirectories(dir.resolve("rows.jsonl"));
        folder.task(valid().replace("path: data.jsonl", "path: rows.jsonl"));
        expectMistake(label + ": data.path: rows.jsonl is a directory, not a data file; give the .jsonl, .csv or .json file in it");
    }

    @Test
    void a_latin1_task_file_is_rejected_as_data_is_with_the_line() throws Exception {
        Files.write(dir.resolve("task.yaml"), valid().replace("Name the capital city", "Nommez la capitale d\u00e9j\u00e0")
                .getBytes(StandardCharsets.ISO_8859_1));
        expectMistake(label + ":2: not valid UTF-8 text; save the file as UTF-8");
    }

    @Test
    void an_unreadable_task_file_says_permission_denied() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads files whatever their permissions");
        folder.task(valid());
        Files.setPosixFilePermissions(dir.resolve("task.yaml"), PosixFilePermissions.fromString("-w-------"));
        expectMistake(label + ": permission denied");
    }

    @Test
    void candidates_beam_iterations_and_minibatch_have_documented_upper_bounds() {
        folder.task(valid().replace("candidates: 2", "candidates: 1000000"));
        expectMistake(label + ": search.candidates: must be at most 20, got 1000000");
        folder.task(valid().replace("beam: 2", "beam: 21"));
        expectMistake(label + ": search.beam: must be at most 20, got 21");
        folder.task(valid().replace("iterations: 2", "iterations: 101"));
        expectMistake(label + ": search.iterations: must be at most 100, got 101");
        folder.task(valid().replace("minibatch: 4", "minibatch: 1001"));
        expectMistake(label + ": search.minibatch: must be at most 1000, got 1001");
        folder.task(valid());
        expectMistake("--beam: must be at most 20, got 50", "--beam", "50");
        expectMistake("--iterations: must be at most 100, got 1000", "--iterations", "1000");
    }

    @Test
    void a_number_too_large_for_its_key_is_out_of_range_not_a_wrong_type() {
        folder.task(valid().replace("split: {train: 4,", "split: {train: 99999999999,"));
        expectMistake(label + ": data.split.train: must be at most 2147483647, got 99999999999");
    }

    private String read(String name) {
        try {
            return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
