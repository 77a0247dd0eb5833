package dev.gradsum.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gradsum.data.Example;
import dev.gradsum.model.Role;
import dev.gradsum.simulation.SimulatedWorld;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a gradsum task file whose every role is an {@code openai-compatible} model on the stub
 * server, so the engine benchmark goes through exactly the production path (task file reader,
 * LangChain4j's OpenAI client, gradsum's HTTP client and call path). The task and rows are the
 * simulated world's; the stub answers as the simulated models would.
 */
final class StubTaskFiles {
    private StubTaskFiles() {
    }

    /** Model names on the stub, one per role (the simulated model that answers it). */
    static String modelName(Role role) {
        return "simulated-" + (role == Role.GRADIENT ? "gradient" : role.key());
    }

    static Path write(Path folder, SimulatedWorld world, String baseUrl, int train, int validation, int concurrency)
            throws IOException {
        Path data = folder.resolve("data.jsonl");
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter out = Files.newBufferedWriter(data, StandardCharsets.UTF_8)) {
            for (Example e : world.dataset().examples()) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("id", e.id());
                row.putAll(e.fields());
                out.write(json.writeValueAsString(row));
                out.newLine();
            }
        }
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("name", "engine-bench");
        task.put("description", world.task().description());
        task.put("prompt", world.task().prompt().text());
        task.put("data", Map.of("path", "data.jsonl", "split", Map.of("train", train, "validation", validation, "test", 0),
                "seed", 7));
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
}
