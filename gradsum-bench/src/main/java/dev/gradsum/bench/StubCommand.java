package dev.gradsum.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gradsum.simulation.SimulatedWorld;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gradsum-bench stub --out DIR}: the engine benchmark's {@link StubServer} on its own, for
 * comparing gradsum with other tools on the same server and rows (bench/promptfoo/run.sh). It writes
 * into DIR the rows ({@code data.jsonl}, the simulated task's, every one distinct), a gradsum task file
 * that scores them all with {@code gradsum eval} ({@code task.yaml}), the same rows as promptfoo test
 * cases ({@code promptfoo-tests.yaml}) and its prompt ({@code prompt.txt}, with {@code {{order}}}),
 * then the base URL once it listens ({@code url}), and serves until stdin closes or the process is
 * stopped. Requests to {@value StubTaskFiles#PROMPTFOO_GRADER} are answered with promptfoo's rubric verdict.
 */
@Command(name = "stub", mixinStandardHelpOptions = true,
        description = "Serve the engine benchmark's OpenAI-compatible stub, with a gradsum task file and promptfoo "
                + "test cases for the same rows, until stdin closes.")
final class StubCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the rows, task file and url.")
    Path out;

    @Option(names = "--rows", description = "Rows, default ${DEFAULT-VALUE}.")
    int rows = 256;

    @Option(names = "--latency-ms", description = "Latency of every reply, default ${DEFAULT-VALUE}.")
    long latencyMs = 200;

    @Option(names = "--fail-every", paramLabel = "N", description = "Answer every N-th request with HTTP 500 (default 0: none).")
    int failEvery;

    @Option(names = "--concurrency", description = "search.concurrency of the task file, default ${DEFAULT-VALUE}.")
    int concurrency = 8;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        SimulatedWorld world = SimulatedWorld.create();
        try (StubServer stub = new StubServer(latencyMs, 128, StubTaskFiles.simulatedModels(world.models()))) {
            stub.failEvery(failEvery);
            StubTaskFiles.writeForEval(out, rows, stub.baseUrl(), concurrency);
            writePromptfooTests(out.resolve("data.jsonl"), out.resolve("promptfoo-tests.yaml"));
            Files.writeString(out.resolve("prompt.txt"), world.task().prompt().text().replace("{order}", "{{order}}"));
            Files.writeString(out.resolve("url"), stub.baseUrl() + "\n");
            System.out.println("stub: " + stub.baseUrl() + " (latency " + latencyMs + " ms"
                    + (failEvery > 0 ? ", HTTP 500 on every " + failEvery + "th request" : "") + "), files in " + out);
            System.out.flush();
            waitForStdinToClose();
            System.out.println("stub: " + stub.requests() + " requests, " + stub.failed() + " failed on purpose");
        }
        return 0;
    }

    /** The rows as promptfoo test cases: one {@code vars} map each. */
    private static void writePromptfooTests(Path rows, Path tests) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Map<String, Object>> cases = new ArrayList<>();
        for (String line : Files.readAllLines(rows, StandardCharsets.UTF_8)) {
            JsonNode row = json.readTree(line);
            Map<String, Object> vars = new LinkedHashMap<>();
            vars.put("order", row.path("order").asText());
            vars.put("answer", row.path("answer").asText());
            cases.add(Map.of("vars", vars));
        }
        new YAMLMapper().writeValue(tests.toFile(), cases);
    }

    private static void waitForStdinToClose() {
        try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                // input is ignored; its end stops the stub
            }
        } catch (IOException e) {
            // a broken stdin ends the stub too
        }
    }
}
