package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradsum.cli.report.RunOutputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search knobs beyond the paper that a task file sets reach {@code result.json}'s {@code config.search}
 * through the store: {@code optimize} writes them, and {@code gradsum report ID}, which reads the run back
 * from the store's tables (the knobs from the run's configuration), writes the same file.
 */
class ResultJsonSearchKnobsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void optimize_and_report_show_selection_pareto_and_the_other_knobs_set_in_config_search() throws IOException {
        try (ModelServerStub stub = new ModelServerStub(TaskFolder.CAPITALS)) {
            String model = TaskFolder.openAi(stub.baseUrl(), "");
            String yaml = TaskFolder.yaml(model, model, "").replace("concurrency: 4}",
                    "concurrency: 4, selection: pareto, min_confidence: 0.9, stop_when_learned: false}");
            assertThat(yaml).contains("selection: pareto");
            Path task = new TaskFolder(dir.resolve("task")).task(yaml);
            Path db = dir.resolve("store.db");

            CliRunner.Outcome run = CliRunner.run(OptimizeAgainstStubTest.ENV, "optimize", task.toString(),
                    "--store", db.toString(), "--out", dir.resolve("runs").toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            Path first;
            try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
                first = runs.findFirst().orElseThrow();
            }
            JsonNode search = JSON.readTree(first.resolve(RunOutputs.RESULT_JSON).toFile()).at("/config/search");
            assertThat(search.get("selection").asText()).isEqualTo("pareto");
            assertThat(search.get("min_confidence").asDouble()).isEqualTo(0.9);
            assertThat(search.get("stop_when_learned").asBoolean()).isFalse();
            assertThat(search.has("validation")).as("a knob at its default is left out").isFalse();
            assertThat(search.has("minibatch_gate")).isFalse();
            assertThat(search.has("judge_samples")).isFalse();

            String id = first.getFileName().toString();
            CliRunner.Outcome report = CliRunner.run(OptimizeAgainstStubTest.ENV, "report", id, "--store", db.toString(),
                    "--out", dir.resolve("again").toString());

            assertThat(report.exitCode()).as(report.err()).isZero();
            Path again = dir.resolve("again").resolve(id);
            assertThat(Files.readString(again.resolve(RunOutputs.RESULT_JSON)))
                    .isEqualTo(Files.readString(first.resolve(RunOutputs.RESULT_JSON)));
            assertThat(Files.readString(again.resolve(RunOutputs.REPORT_HTML)))
                    .contains("<tr><th>selection</th><td><pre>pareto</pre></td></tr>")
                    .isEqualTo(Files.readString(first.resolve(RunOutputs.REPORT_HTML)));
        }
    }
}
