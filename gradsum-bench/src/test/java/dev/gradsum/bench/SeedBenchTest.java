package dev.gradsum.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradsum.bench.peers.SearchTrace;
import dev.gradsum.data.PromptTemplate;
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

/** The multi-seed bench end to end on the hard world: one row per optimizer with the statistics over seeds. */
class SeedBenchTest {
    @TempDir
    static Path out;
    static SeedBench.Result result;
    static String markdown;

    @BeforeAll
    static void run_two_seeds_of_the_hard_world() {
        BenchSettings settings = new BenchSettings(Optimizers.KEYS, 2, Budget.unlimited(), 7, 200, true);
        List<Optimizer> rows = List.of(Optimizers.byKey(Optimizers.INITIAL), Optimizers.byKey(Optimizers.GRADSUM),
                Optimizers.gradsum("gradsum-beam-1", "GRAD-SUM beam 1", b -> b.beamSize(1)),
                Optimizers.byKey(Optimizers.GEPA));
        result = new SeedBench(settings, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(SuiteLoader.HARD, 2, 20, 20, 40, 8, rows);
        markdown = TableWriter.writeSeeds(List.of(result), out);
    }

    @Test
    void every_row_has_its_statistics_over_the_seeds() {
        assertThat(result.seeds()).containsExactly(1L, 2L);
        assertThat(result.summaries()).extracting(SeedSummary::key)
                .containsExactly("initial", "gradsum", "gradsum-beam-1", "gepa");
        for (SeedSummary s : result.summaries()) {
            assertThat(s.seeds()).isEqualTo(2);
            assertThat(s.low()).isLessThanOrEqualTo(s.mean());
            assertThat(s.high()).isGreaterThanOrEqualTo(s.mean());
            if (!s.key().equals("gradsum")) {
                assertThat(s.pValue()).isBetween(0.0, 1.0);
            }
        }
        SeedSummary gradsum = result.summaries().get(1);
        assertThat(gradsum.pValue()).isNaN();
        assertThat(gradsum.calls()).isPositive();
        assertThat(gradsum.reachedReference()).as("GRAD-SUM reaches its own final score").isEqualTo(2);
        assertThat(gradsum.callsToReference()).isLessThanOrEqualTo(gradsum.calls());
        assertThat(gradsum.callsTo95()).isLessThanOrEqualTo(gradsum.callsToReference());
        assertThat(gradsum.trulyWorse()).as("the hard world knows the truth").isBetween(0, gradsum.accepted());
        assertThat(result.summaries().get(0).calls()).isZero();
    }

    @Test
    void the_table_prints_every_measure_and_says_simulation() {
        assertThat(markdown).contains("## SIMULATION hard parcels (judge wrong on 10%), 2 seeds", "sign-flip", "p vs GRAD-SUM", "calls to 95%",
                "calls to reach GRAD-SUM's final", "accepted children truly worse", "| GRAD-SUM beam 1 |", "(reference)");
        assertThat(markdown.lines().filter(l -> l.startsWith("| ")).count()).isEqualTo(1 + 4);
    }

    @Test
    void json_has_per_seed_progress() throws Exception {
        JsonNode json = new ObjectMapper().readTree(Files.readString(out.resolve(TableWriter.JSON)));
        JsonNode gradsum = json.get(0).get("optimizers").get(1);
        assertThat(gradsum.get("key").asText()).isEqualTo("gradsum");
        assertThat(gradsum.get("perSeed")).hasSize(2);
        JsonNode progress = gradsum.get("perSeed").get(0).get("progress");
        assertThat(progress.size()).isGreaterThan(1);
        assertThat(progress.get(0).get("calls").asLong()).isZero();
    }

    @Test
    void the_suite_command_runs_the_seeds_and_names_an_unknown_world() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            code = BenchMain.run(System.out, errStream, "suite", "--world", "hard", "--seeds", "2", "--iterations", "1",
                    "--split", "10/10/20", "--optimizers", "initial,gradsum,gepa", "--out", out.resolve("cli").toString());
        } finally {
            System.setOut(stdout);
        }
        assertThat(code).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("hard parcels", "2 seeds", "| GEPA |");
        assertThat(BenchMain.run(stdout, errStream, "suite", "--world", "moon")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown world \"moon\"; known: simple, hard");
    }

    @Test
    void a_child_that_truly_answers_fewer_rows_counts_as_truly_worse() {
        BenchTask task = SuiteLoader.world(SuiteLoader.HARD, 1, 20, 30, 10, 1, 4);
        PromptTemplate initial = task.task().prompt();
        PromptTemplate better = PromptTemplate.of(initial.text().replace("\n\nParcel:",
                "\n" + dev.gradsum.simulation.HardWorld.statement("HEAVY") + "\n\nParcel:"));
        PromptTemplate noFormat = PromptTemplate.of(initial.text().replace("handling code only", "handling code"));
        List<SearchTrace.Acceptance> accepted = List.of(new SearchTrace.Acceptance(initial, better),
                new SearchTrace.Acceptance(initial, noFormat), new SearchTrace.Acceptance(better, initial));
        assertThat(BenchRunner.trulyWorse(task, accepted)).isEqualTo(2);
        BenchTask unknown = new BenchTask(task.key(), task.label(), task.data(), task.task(), task.split(), task.models(),
                task.pricing(), 4, task.timeout(), true);
        assertThat(BenchRunner.trulyWorse(unknown, accepted)).isEqualTo(-1);
    }
}
