package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every user mistake: exit code 2, one line on stderr naming file and key, no stack trace, no model call. */
class UserMistakesTest {
    static final Map<String, String> ENV = Map.of("STUB_KEY", "k");
    /** Nothing listens here; a mistake must be reported before any connection is tried. */
    static final String TARGET = "{provider: openai-compatible, model: m, base_url: http://127.0.0.1:1/v1, api_key_env: STUB_KEY}";

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

    /** Runs {@code plan} and {@code optimize} on the task and expects exactly {@code message}. */
    private void expectMistake(String yaml, String message) {
        folder.task(yaml);
        for (String[] args : new String[][] {{"plan", label}, {"optimize", label, "--out", dir.resolve("runs").toString()}}) {
            String command = args[0];
            CliRunner.Outcome r = CliRunner.run(ENV, args);
            assertThat(r.exitCode()).as(command + ": " + r.err()).isEqualTo(2);
            assertThat(r.errLines()).as(command).containsExactly(message);
        }
    }

    @Test
    void a_missing_task_file_is_named() {
        CliRunner.Outcome r = CliRunner.run(ENV, "optimize", dir.resolve("nope.yaml").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly(dir.resolve("nope.yaml") + ": file not found");
    }

    @Test
    void a_yaml_syntax_error_gives_line_and_column() {
        folder.task("name: x\ndescription: [unclosed\nprompt: hi\n");
        CliRunner.Outcome r = CliRunner.run(ENV, "plan", label);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().matches(java.util.regex.Pattern.quote(label) + ":\\d+:\\d+: not valid YAML: .+");
    }

    @Test
    void an_unknown_key_suggests_the_nearest_known_one() {
        expectMistake(valid().replace("search: {beam: 2,", "search: {beems: 2,"),
                label + ": search.beems: unknown key; did you mean \"beam\"?");
    }

    @Test
    void an_unknown_key_far_from_any_lists_the_known_ones() {
        expectMistake(valid() + "colour: blue\n", label + ": colour: unknown key (known: name, description, prompt, "
                + "prompt_file, messages, optimize, data, evaluation, models, search, budget, store, output, pricing)");
    }

    @Test
    void a_word_where_a_number_belongs_is_a_type_error() {
        expectMistake(valid().replace("beam: 2", "beam: three"),
                label + ": search.beam: expected a whole number, got \"three\"");
    }

    @Test
    void a_number_out_of_range_is_named_with_its_range() {
        expectMistake(valid().replace("  expected: capital", "  expected: capital\n  pass_threshold: 1.5"),
                label + ": evaluation.pass_threshold: must be between 0 and 1, got 1.5");
        expectMistake(valid().replace("beam: 2", "beam: 0"), label + ": search.beam: must be at least 1, got 0");
        expectMistake(valid() + "budget: {usd: -1}\n", label + ": budget.usd: must be at least 0, got -1");
    }

    @Test
    void a_missing_data_file_is_named_with_its_resolved_path() {
        expectMistake(valid().replace("path: data.jsonl", "path: missing.jsonl"),
                label + ": data.path: file not found: " + dir.resolve("missing.jsonl"));
    }

    @Test
    void a_malformed_jsonl_line_is_reported_with_its_line_number() {
        folder.write("data.jsonl", "{\"country\": \"France\", \"capital\": \"Paris\"}\n{not json}\n");
        folder.task(valid());
        CliRunner.Outcome r = CliRunner.run(ENV, "plan", label);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("data.jsonl:2: ");
    }

    @Test
    void a_placeholder_missing_from_the_data_is_named_with_the_fields() {
        expectMistake(valid().replace("capital of {country}", "capital of {nation}"),
                label + ": prompt: placeholder {nation} is not in data row 1 at data.jsonl:1 (fields: country, capital)");
    }

    @Test
    void a_field_mapping_lets_a_placeholder_read_another_column() {
        folder.task(valid().replace("capital of {country}", "capital of {nation}")
                .replace("  path: data.jsonl", "  path: data.jsonl\n  fields: {nation: country}"));
        CliRunner.Outcome r = CliRunner.run(ENV, "plan", label);
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void an_expected_field_missing_from_the_data_is_named_with_the_fields() {
        expectMistake(valid().replace("expected: capital", "expected: final_answer"),
                label + ": evaluation.expected: field \"final_answer\" is not in data row 1 (fields: country, capital)");
    }

    @Test
    void an_empty_dataset_is_a_mistake() {
        folder.write("data.jsonl", "");
        expectMistake(valid(), dir.resolve("data.jsonl") + ": no rows");
    }

    @Test
    void a_split_larger_than_the_data_says_how_many_rows_there_are() {
        expectMistake(valid().replace("test: 4}", "test: 40}"),
                label + ": data.split: train 4 + validation 4 + test 40 = 48 rows, but data.jsonl has 12 rows");
    }

    @Test
    void an_unknown_provider_suggests_and_lists_the_known_ones() {
        expectMistake(valid().replaceFirst("provider: openai-compatible", "provider: openia"),
                label + ": models.target.provider: unknown provider \"openia\"; did you mean \"openai\"? (known: openai, "
                        + "openai-compatible, ollama, vllm, anthropic, gemini, simulated)");
    }

    @Test
    void an_unknown_metric_suggests_the_nearest() {
        expectMistake(valid().replace("  expected: capital", "  expected: capital\n  metric: exakt"),
                label + ": evaluation.metric: unknown metric \"exakt\"; did you mean \"exact\"? (known: exact, numeric, "
                        + "choice, contains, regex; or omit it and give criteria)");
    }

    @Test
    void a_compatible_server_without_base_url_is_a_mistake() {
        expectMistake(valid().replaceFirst(", base_url: http://127.0.0.1:1/v1", ""),
                label + ": models.target.base_url: required for provider \"openai-compatible\" (e.g. http://localhost:8000/v1)");
    }

    @Test
    void a_missing_api_key_variable_is_named_before_any_work() {
        folder.task(valid());
        CliRunner.Outcome r = CliRunner.run(Map.of(), "optimize", label, "--out", dir.resolve("runs").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly(label + ": models.target.api_key_env: environment variable STUB_KEY "
                + "is not set (export STUB_KEY=... before running gradsum)");
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void plan_needs_no_api_key() {
        folder.task(valid());
        CliRunner.Outcome r = CliRunner.run(Map.of(), "plan", label);
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void a_missing_prompt_file_is_named() {
        expectMistake(valid().replace("prompt: |\n  Tell me about the capital of {country}.\n", "prompt_file: prompt.txt\n"),
                label + ": prompt_file: file not found: " + dir.resolve("prompt.txt"));
    }

    @Test
    void an_unknown_flag_is_one_line_with_a_suggestion() {
        folder.task(valid());
        CliRunner.Outcome r = CliRunner.run(ENV, "optimize", label, "--beem", "3");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("gradsum optimize: Unknown option").contains("'--beem'").contains("--beam").endsWith("(see gradsum optimize --help)");
    }

    @Test
    void a_bad_flag_value_is_one_line() {
        folder.task(valid());
        CliRunner.Outcome r = CliRunner.run(ENV, "optimize", label, "--beam", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("--beam: must be at least 1, got 0");
        CliRunner.Outcome word = CliRunner.run(ENV, "optimize", label, "--iterations", "ten");
        assertThat(word.exitCode()).isEqualTo(2);
        assertThat(word.errLines()).hasSize(1);
    }

    @Test
    void verbose_adds_the_stack_trace() {
        folder.task(valid().replace("beam: 2", "beam: three"));
        CliRunner.Outcome r = CliRunner.run(ENV, "--verbose", "plan", label);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines().get(0)).isEqualTo(label + ": search.beam: expected a whole number, got \"three\"");
        assertThat(r.err()).contains("at dev.gradsum.cli.");
    }

    @Test
    void a_csv_row_with_a_missing_or_extra_column_is_named_by_line() {
        folder.write("data.csv", "country,capital\nFrance,Paris\nItaly,Rome,extra\nSpain\n");
        expectMistake(valid().replace("path: data.jsonl", "path: data.csv"), dir.resolve("data.csv")
                + ":3: wrong number of columns: expected 2 (country, capital), found 3; quote values that contain commas");
    }

    @Test
    void a_folder_given_as_the_task_file_is_one_line() {
        CliRunner.Outcome r = CliRunner.run(ENV, "plan", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().startsWith(dir + ": ");
    }

    @Test
    void resuming_an_unknown_run_is_one_line() {
        Path store = dir.resolve("s.db");
        CliRunner.Outcome r = CliRunner.run(ENV, "optimize", "--resume", "no-such-run", "--store", store.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().startsWith("--resume no-such-run: no such run in ");
    }

    @Test
    void commands_that_read_the_store_do_not_create_one_at_a_mistyped_path() {
        String typo = dir.resolve("typo/gradsum.db").toString();

        CliRunner.Outcome runs = CliRunner.run(ENV, "runs", "--store", typo);
        CliRunner.Outcome show = CliRunner.run(ENV, "runs", "show", "r1", "--store", typo);
        CliRunner.Outcome report = CliRunner.run(ENV, "report", "r1", "--store", typo);
        CliRunner.Outcome stats = CliRunner.run(ENV, "cache", "stats", "--store", typo);
        CliRunner.Outcome clear = CliRunner.run(ENV, "cache", "clear", "--store", typo);

        assertThat(runs.exitCode()).isZero();
        assertThat(runs.out()).startsWith("No runs in " + typo);
        assertThat(show.exitCode()).isEqualTo(2);
        assertThat(show.errLines()).containsExactly("runs show: no run r1 in " + typo + " (gradsum runs lists them)");
        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(report.errLines()).containsExactly("report: no run r1 in " + typo + " (gradsum runs lists them)");
        assertThat(stats.out()).isEqualToIgnoringNewLines(typo + ": no store yet, 0 cached replies");
        assertThat(clear.out()).isEqualToIgnoringNewLines(typo + ": no store yet, nothing to clear.");
        assertThat(dir.resolve("typo")).doesNotExist();
    }

    @Test
    void a_store_under_a_file_is_one_line_saying_what_is_in_the_way() {
        folder.task(TaskFolder.yaml("{provider: simulated}", "{provider: simulated}", ""));
        Path blocker = folder.write("blocker", "x");
        String store = blocker.resolve("gradsum.db").toString();

        CliRunner.Outcome r = CliRunner.run(ENV, "optimize", label, "--store", store);

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly(store + ": cannot create folder " + blocker
                + " (a file of that name is in the way); open a store at another path (--store PATH, or store: in the task file)");
    }
}
