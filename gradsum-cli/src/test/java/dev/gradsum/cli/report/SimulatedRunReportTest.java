package dev.gradsum.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradsum.GradSum;
import dev.gradsum.model.Role;
import dev.gradsum.recording.RunDescription;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.simulation.SimulatedWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writers against a real search result: a short run in the simulated world (labelled as such). */
class SimulatedRunReportTest {
    @TempDir Path dir;

    /** Kept for a person to open: target/simulated-run/report.html. */
    private static final Path KEEP = Path.of("target", "simulated-run");

    @Test
    void a_simulated_run_folder_agrees_with_the_result_it_came_from() throws Exception {
        SimulatedWorld world = SimulatedWorld.create();
        TestEvaluationsRecorder recorder = new TestEvaluationsRecorder();
        GradSum gradSum = GradSum.builder().task(world.task()).models(world.models()).dataset(world.dataset())
                .iterations(2).seed(3).listener(recorder).build();
        OptimizationResult result = gradSum.optimize();
        Map<Role, RunDescription.Model> models = new EnumMap<>(Role.class);
        for (Role role : Role.values()) models.put(role, new RunDescription.Model("simulated", "world"));
        RunInfo info = new RunInfo("sim-1", world.task().name(), world.task().description(), null, models,
                dev.gradsum.search.SearchOptions.builder().iterations(2).seed(3).build(), null, Map.of(), Instant.now());

        TestEvaluations tests = recorder.of(result);
        RunOutputs.write(dir, info, result, tests);

        assertThat(Files.readString(dir.resolve("best_prompt.txt"))).isEqualTo(result.bestPrompt().text());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("result.json").toFile());
        assertThat(json.get("iterations")).hasSize(result.iterations().size());
        assertThat(json.get("lineage")).hasSize(result.candidates().size());
        assertThat(json.at("/test/rows").asInt()).isEqualTo(result.test().rows());
        assertThat(tests.initial()).hasSizeGreaterThanOrEqualTo(result.test().rows());
        assertThat(json.at("/test/examples")).hasSize(tests.initial().size());
        assertThat(json.at("/usage/total/calls").asLong()).isEqualTo(result.total().calls());
        String html = Files.readString(dir.resolve("report.html"));
        Files.createDirectories(KEEP);
        Files.writeString(KEEP.resolve("report.html"), html);
        assertThat(html).contains("SIMULATION").contains("id=\"score-chart\"").contains("class=\"sample\"");
    }
}
