package dev.gradsum.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.GradSum;
import dev.gradsum.cli.plan.CallPlan;
import dev.gradsum.cli.provider.ApiKeys;
import dev.gradsum.cli.provider.ChatModels;
import dev.gradsum.cli.taskfile.TaskFile;
import dev.gradsum.cli.taskfile.TaskFileReader;
import dev.gradsum.cli.taskfile.TaskSetup;
import dev.gradsum.llm.CallCache;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.model.Pricing;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.SearchOptions;
import dev.gradsum.simulation.SimulatedWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine benchmark's stub world (the simulated models behind an OpenAI-compatible HTTP server,
 * reached through a task file and LangChain4j) against the {@code gradsum plan} estimate: the calls made
 * lie between low and high and within 25% of the expected count.
 */
class StubWorldCallsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} iterations")
    @ValueSource(ints = {1, 2})
    void the_stub_worlds_search_makes_about_the_expected_calls(int iterations) throws Exception {
        SimulatedWorld world = SimulatedWorld.create();
        try (StubServer stub = new StubServer(0, 32, StubTaskFiles.simulatedModels(world.models()))) {
            Path taskFile = StubTaskFiles.write(dir, world, stub.baseUrl(), 30, 30, 16);
            TaskFile file = TaskFileReader.read(taskFile, taskFile.toString());
            ModelRoles roles = ChatModels.roles(file.models(), ApiKeys.resolve(file.models(), file.label(), Map.of()));
            TaskSetup setup = TaskSetup.prepare(file);
            SearchOptions options = SearchOptions.builder().iterations(iterations).seed(7).build();

            OptimizationResult r = GradSum.builder().task(setup.task()).models(roles).split(setup.split())
                    .options(options).maxConcurrency(16).timeout(Duration.ofSeconds(60)).modelsTimeOut(true)
                    .pricing(Pricing.none()).cache(CallCache.inMemory()).build().optimize();

            CallPlan plan = CallPlan.of(setup, options, MetaPrompts.defaults());
            long made = r.total().calls() + r.total().cachedCalls();
            assertThat(made).as("calls made, range " + plan.totalCalls())
                    .isBetween(plan.totalCalls().low(), plan.totalCalls().high());
            assertThat((double) made).as("calls made against the %d expected", plan.expectedCalls())
                    .isBetween(0.75 * plan.expectedCalls(), 1.25 * plan.expectedCalls());
            assertThat(stub.requests()).isEqualTo(r.total().calls());
        }
    }
}
