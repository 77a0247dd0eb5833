package dev.gradsum.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradsum.model.Budget;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated suite end to end: every optimizer on two simulated worlds, one table with every row and column. */
class SimulatedSuiteTest {
    @TempDir
    static Path out;
    static BenchResult result;
    static String markdown;
    static JsonNode json;

    @BeforeAll
    static void run_the_small_simulated_suite() throws Exception {
        SuiteLoader.Suite suite = SuiteLoader.simulated(2, 12, 12, 30, 7, 8);
        BenchSettings settings = new BenchSettings(Optimizers.SUITE_DEFAULT, 2, Budget.unlimited(), 7, 200);
        result = new BenchRunner(settings, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(suite.name(), suite.tasks(), suite.skipped());
        markdown = TableWriter.write(result, out);
        json = new ObjectMapper().readTree(Files.readString(out.resolve(TableWriter.JSON)));
    }

    @Test
    void markdown_table_has_a_row_per_world_and_a_column_per_optimizer() {
        List<String> lines = markdown.lines().filter(l -> l.startsWith("| ")).toList();
        assertThat(lines.get(0)).contains("initial prompt", "GRAD-SUM", "GRAD-SUM w/o summary", "ProTeGi");
        List<String> rows = lines.subList(1, lines.size());
        assertThat(rows).hasSize(2).allSatisfy(row -> {
            assertThat(row).startsWith("| SIMULATION orders");
            assertThat(row.split("\\|", -1)).hasSize(2 + 2 + Optimizers.SUITE_DEFAULT.size());
            assertThat(row).containsPattern("\\d\\.\\d{3} \\[\\d\\.\\d{3}, \\d\\.\\d{3}]").contains("calls · ");
        });
    }

    @Test
    void the_table_says_it_is_a_simulation() {
        assertThat(markdown).contains("(SIMULATION)").contains("no language model");
        assertThat(json.get("simulated").asBoolean()).isTrue();
    }

    @Test
    void json_has_every_cell_with_score_interval_and_search_usage() {
        assertThat(json.get("rows")).hasSize(2);
        for (JsonNode row : json.get("rows")) {
            for (String key : Optimizers.SUITE_DEFAULT) {
                JsonNode cell = row.get("cells").get(key);
                assertThat(cell).as(key).isNotNull();
                double score = cell.get("score").asDouble();
                assertThat(cell.get("low").asDouble()).isLessThanOrEqualTo(score);
                assertThat(cell.get("high").asDouble()).isGreaterThanOrEqualTo(score);
                assertThat(cell.get("search").get("calls").isNumber()).isTrue();
                assertThat(cell.get("bestPrompt").asText()).contains("{order}");
            }
        }
    }

    @Test
    void optimizers_search_and_improve_on_the_initial_prompt_in_the_simulated_world() {
        for (Row row : result.rows()) {
            double initial = row.cells().get(0).test().mean();
            assertThat(row.cells().get(1).usage().calls()).as("GRAD-SUM calls").isPositive();
            assertThat(row.cells().get(3).usage().calls()).as("ProTeGi calls").isPositive();
            assertThat(row.cells().get(1).test().mean()).as("GRAD-SUM on " + row.label()).isGreaterThan(initial);
            assertThat(row.cells().get(3).test().mean()).as("ProTeGi on " + row.label()).isGreaterThan(initial);
        }
    }
}
