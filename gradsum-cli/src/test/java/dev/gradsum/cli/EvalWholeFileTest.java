package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 8: {@code eval} scores every row of the task's data (a split without train or
 * validation rows, which optimize and plan still refuse) or of a second file ({@code --data FILE}).
 */
class EvalWholeFileTest extends AgainstStub {
    static final Map<String, String> ENV = OptimizeAgainstStubTest.ENV;
    private static final String ALL_ROWS = "split: {train: 0, validation: 0, test: 12}";


    private Path task(String split) {
        String model = TaskFolder.openAi(stub.baseUrl(), "");
        return folder.task(TaskFolder.yaml(model, model, "").replace("split: {train: 4, validation: 4, test: 4}", split));
    }

    @Test
    void a_split_of_test_rows_only_scores_every_row_of_the_file() {
        CliRunner.Outcome r = CliRunner.run(ENV, "eval", task(ALL_ROWS).toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("on the test split: ").contains("of 12 rated rows passed.");
        // 12 rows, each answered and judged
        assertThat(r.errLines()).singleElement().asString().startsWith("gradsum: eval · calls 24/24 · ");
    }

    @Test
    void optimize_and_plan_still_refuse_a_split_without_train_rows() {
        Path task = task(ALL_ROWS);
        for (String[] args : new String[][] {{"plan", task.toString()},
                {"optimize", task.toString(), "--out", dir.resolve("runs").toString()}}) {
            CliRunner.Outcome r = CliRunner.run(ENV, args);
            assertThat(r.exitCode()).as(args[0] + ": " + r.err()).isEqualTo(2);
            assertThat(r.errLines()).as(args[0]).containsExactly(
                    task + ": data.split.train: the search needs at least 1 train row (train 0 is for gradsum eval only)");
        }
    }

    @Test
    void data_scores_every_row_of_a_second_file_with_the_tasks_prompt_and_evaluation() throws IOException {
        Path other = dir.resolve("more.jsonl");
        Files.writeString(other, """
                {"country": "France", "capital": "Paris"}
                {"country": "Japan", "capital": "Tokyo"}
                {"country": "Peru", "capital": "Lima"}
                """, StandardCharsets.UTF_8);

        CliRunner.Outcome r = CliRunner.run(ENV, "eval", task("split: {train: 4, validation: 4, test: 4}").toString(),
                "--data", other.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("on rows of " + other + ": ").contains("of 3 rated rows passed.");
        assertThat(r.errLines()).singleElement().asString().startsWith("gradsum: eval · calls 6/6 · ");
    }

    @Test
    void a_second_file_missing_or_lacking_a_placeholder_is_named_and_split_with_data_is_refused() throws IOException {
        Path other = dir.resolve("bad.jsonl");
        Files.writeString(other, "{\"nation\": \"France\", \"capital\": \"Paris\"}\n", StandardCharsets.UTF_8);
        Path task = task("split: {train: 4, validation: 4, test: 4}");

        CliRunner.Outcome r = CliRunner.run(ENV, "eval", task.toString(), "--data", other.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--data " + other + ": placeholder {country} is not in data row 1");

        Path missing = dir.resolve("missing.jsonl");
        CliRunner.Outcome absent = CliRunner.run(ENV, "eval", task.toString(), "--data", missing.toString());
        assertThat(absent.exitCode()).isEqualTo(2);
        assertThat(absent.errLines()).containsExactly("--data: file not found: " + missing);

        CliRunner.Outcome both = CliRunner.run(ENV, "eval", task.toString(), "--data", other.toString(), "--split", "train");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.errLines()).containsExactly("eval: give --split or --data, not both");
    }
}
