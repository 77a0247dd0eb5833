package dev.gradsum.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gradsum.data.Example;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.model.Role;
import dev.gradsum.simulation.SimulatedWorld;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a gradsum task file whose every role is an {@code openai-compatible} model on the stub
 * server, so the engine benchmark goes through exactly the production path (task file reader,
 * LangChain4j's OpenAI client, gradsum's HTTP client and call path). The task and rows are the
 * simulated world's; the stub answers as the simulated models would ({@link #simulatedModels}).
 */
final class StubTaskFiles {
    /** The model a promptfoo config names as its grader; the stub answers it in promptfoo's rubric format. */
    static final String PROMPTFOO_GRADER = "promptfoo-grader";

    private StubTaskFiles() {
    }

    /** Model names on the stub, one per role (the simulated model that answers it). */
    static String modelName(Role role) {
        return "simulated-" + (role == Role.GRADIENT ? "gradient" : role.key());
    }

    /** The simulated world's task and its {@value SimulatedWorld#ROWS} rows, split for a search. */
    static Path write(Path folder, SimulatedWorld world, String baseUrl, int train, int validation, int concurrency)
            throws IOException {
        writeRows(folder.resolve("data.jsonl"), world.dataset().examples());
        return writeTask(folder, world, baseUrl, Map.of("train", train, "validation", validation, "test", 0), concurrency);
    }

    /**
     * The simulated task with {@code rows} distinct rows, all of them in the test split, for
     * {@code gradsum eval}: the rows of the worlds of seeds {@link SimulatedWorld#DEFAULT_SEED}, 1, 2, ...
     * (the rules and models are the same in every world), an order text never repeated.
     */
    static Path writeForEval(Path folder, int rows, String baseUrl, int concurrency) throws IOException {
        List<Example> distinct = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (long seed = 0; distinct.size() < rows; seed++) {
            SimulatedWorld world = SimulatedWorld.create(seed == 0 ? SimulatedWorld.DEFAULT_SEED : seed);
            for (Example e : world.dataset().examples()) {
                if (distinct.size() < rows && seen.add(e.get("order"))) {
                    distinct.add(new Example("w" + seed + "-" + e.id(), e.fields()));
                }
            }
        }
        writeRows(folder.resolve("data.jsonl"), distinct);
        return writeTask(folder, SimulatedWorld.create(), baseUrl,
                Map.of("train", 0, "validation", 0, "test", rows), concurrency);
    }

    private static void writeRows(Path data, List<Example> rows) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter out = Files.newBufferedWriter(data, StandardCharsets.UTF_8)) {
            for (Example e : rows) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("id", e.id());
                row.putAll(e.fields());
                out.write(json.writeValueAsString(row));
                out.newLine();
            }
        }
    }

    private static Path writeTask(Path folder, SimulatedWorld world, String baseUrl, Map<String, Integer> split,
                                  int concurrency) throws IOException {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("name", "engine-bench");
        task.put("description", world.task().description());
        task.put("prompt", world.task().prompt().text());
        task.put("data", Map.of("path", "data.jsonl", "split", split, "seed", 7));
        task.put("evaluation", Map.of("criteria", world.task().criteria().text(), "expected", "answer", "scale", 1));
        Map<String, Object> models = new LinkedHashMap<>();
        for (Role role : new Role[] {Role.TARGET, Role.JUDGE, Role.GRADIENT, Role.SUMMARIZER, Role.EDITOR}) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("provider", "openai-compatible");
            m.put("model", modelName(role));
            m.put("base_url", baseUrl);
            m.put("timeout_seconds", 60);
            models.put(role.key(), m);
        }
        task.put("models", models);
        task.put("search", Map.of("beam", 3, "iterations", 1, "candidates", 3, "concurrency", concurrency, "seed", 7));
        Path file = folder.resolve("task.yaml");
        new YAMLMapper().writeValue(file.toFile(), task);
        return file;
    }

    /**
     * The stub's answers: a request to the model named for a role ({@link #modelName}) is answered as
     * {@code simulated}'s model of that role would; one to {@link #PROMPTFOO_GRADER} with promptfoo's
     * rubric verdict (a pass); any other with "ok".
     */
    static StubServer.Responder simulatedModels(ModelRoles simulated) {
        return (model, system, user) -> {
            if (model.equals(PROMPTFOO_GRADER)) {
                return "{\"reason\": \"stub grader\", \"pass\": true, \"score\": 1}";
            }
            for (Role role : Role.values()) {
                if (model.equals(modelName(role))) {
                    ChatRequest.Builder request = ChatRequest.builder();
                    request.messages(system.isBlank() ? List.of(UserMessage.from(user))
                            : List.of(SystemMessage.from(system), UserMessage.from(user)));
                    return simulated.model(role).chat(request.build()).aiMessage().text();
                }
            }
            return "ok";
        };
    }
}
