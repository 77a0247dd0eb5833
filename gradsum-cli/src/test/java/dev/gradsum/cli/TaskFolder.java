package dev.gradsum.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A task folder written for a test: the capital-cities task file and its data. */
final class TaskFolder {
    static final Map<String, String> CAPITALS = new LinkedHashMap<>();

    static {
        String[] pairs = {"France", "Paris", "Japan", "Tokyo", "Kenya", "Nairobi", "Peru", "Lima", "Canada", "Ottawa",
                "Egypt", "Cairo", "Norway", "Oslo", "Chile", "Santiago", "India", "New Delhi", "Ghana", "Accra",
                "Spain", "Madrid", "Italy", "Rome"};
        for (int i = 0; i < pairs.length; i += 2) {
            CAPITALS.put(pairs[i], pairs[i + 1]);
        }
    }

    final Path dir;

    TaskFolder(Path dir) {
        this.dir = dir;
        StringBuilder rows = new StringBuilder();
        CAPITALS.forEach((country, capital) ->
                rows.append("{\"country\": \"").append(country).append("\", \"capital\": \"").append(capital).append("\"}\n"));
        write("data.jsonl", rows.toString());
    }

    /**
     * The task file text for a target (and optimizer) at {@code baseUrl}, with extra YAML appended. The
     * store sits in the task folder, so each test starts with an empty call cache.
     */
    static String yaml(String targetModel, String optimizerModel, String extra) {
        return """
                name: capitals
                description: Name the capital city of a country.
                prompt: |
                  Tell me about the capital of {country}.
                data:
                  path: data.jsonl
                  split: {train: 4, validation: 4, test: 4}
                  seed: 3
                evaluation:
                  criteria: |
                    The answer is correct when it names <EXPECTED ANSWER> as the capital.
                  expected: capital
                models:
                  target: %s
                  optimizer: %s
                search: {beam: 2, iterations: 2, candidates: 2, minibatch: 4, patience: 2, seed: 1, concurrency: 4}
                store: .gradsum/gradsum.db
                %s""".formatted(targetModel, optimizerModel, extra);
    }

    static String openAi(String baseUrl, String extra) {
        return "{provider: openai-compatible, model: stub-model, base_url: " + baseUrl
                + ", api_key_env: STUB_KEY, timeout_seconds: 5" + extra + "}";
    }

    Path task(String yaml) {
        return write("task.yaml", yaml);
    }

    Path write(String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
