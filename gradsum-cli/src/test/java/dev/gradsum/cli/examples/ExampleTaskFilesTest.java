package dev.gradsum.cli.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gradsum.cli.taskfile.TaskFileReader;
import dev.gradsum.data.Dataset;
import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.data.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The task files under {@code examples/} stay runnable as they are: only keys of the task-file schema,
 * data that loads and splits, every placeholder backed by a data field, the expected field present,
 * and OpenAI models named with their key variable. Needs no model and no key.
 */
class ExampleTaskFilesTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Set<String> TOP = Set.of("name", "description", "prompt", "prompt_file", "data",
            "evaluation", "models", "search", "budget", "store", "output", "pricing");
    private static final Set<String> DATA = Set.of("path", "format", "fields", "split", "seed");
    private static final Set<String> EVALUATION = Set.of("metric", "criteria", "pattern", "expected", "scale",
            "pass_threshold");
    private static final Set<String> ROLES = Set.of("target", "judge", "optimizer", "gradient", "summarizer", "editor");
    private static final Set<String> MODEL = Set.of("provider", "model", "api_key_env", "base_url", "temperature",
            "max_tokens", "timeout_seconds", "max_concurrency");
    private static final Set<String> SEARCH = Set.of("beam", "iterations", "candidates", "minibatch", "patience",
            "summarize", "seed", "concurrency");

    static Stream<Path> taskFiles() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES, 2)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().matches("task(\\.[a-z]+)?\\.yaml")).sorted().toList();
            assertThat(found).hasSizeGreaterThanOrEqualTo(4);
            return found.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("taskFiles")
    void example_task_file_uses_only_schema_keys_and_its_data_backs_every_placeholder(Path file) throws IOException {
        JsonNode task = new YAMLMapper().readTree(file.toFile());
        assertThat(names(task)).isSubsetOf(TOP);
        assertThat(names(task.get("data"))).isSubsetOf(DATA);
        assertThat(names(task.get("evaluation"))).isSubsetOf(EVALUATION);
        assertThat(names(task.get("search"))).isSubsetOf(SEARCH);
        assertThat(names(task.get("models"))).isSubsetOf(ROLES).contains("target", "optimizer");
        task.get("models").forEach(m -> {
            assertThat(names(m)).isSubsetOf(MODEL);
            assertThat(m.get("provider").asText()).isEqualTo("openai");
            assertThat(m.get("api_key_env").asText()).isEqualTo("OPENAI_API_KEY");
        });
        assertThat(task.at("/models/target/model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(task.at("/models/optimizer/model").asText()).isEqualTo("gpt-4o");

        Dataset data = Dataset.load(file.resolveSibling(task.at("/data/path").asText()));
        assertThat(data.size()).isBetween(40, 60);
        Map<String, String> mapping = new LinkedHashMap<>();
        JsonNode fields = task.at("/data/fields");
        if (fields.isObject()) fields.fields().forEachRemaining(e -> mapping.put(e.getKey(), e.getValue().asText()));
        Dataset mapped = data.mapFields(mapping);
        PromptTemplate prompt = PromptTemplate.parse(TaskFileReader.read(file, file.toString()).prompt());
        assertThat(prompt.placeholders()).isNotEmpty();
        for (Example row : mapped.examples()) {
            assertThat(prompt.render(row)).doesNotContain("{");
        }

        JsonNode split = task.at("/data/split");
        Split cut = Split.of(mapped, split.get("train").asInt(), split.get("validation").asInt(), split.get("test").asInt(),
                task.at("/data/seed").asLong());
        assertThat(cut.test()).hasSizeGreaterThanOrEqualTo(14);

        JsonNode evaluation = task.get("evaluation");
        assertThat(evaluation.has("metric") || evaluation.has("criteria")).isTrue();
        if (evaluation.has("expected")) assertThat(data.fields()).contains(evaluation.get("expected").asText());
        if (evaluation.path("criteria").asText().contains("<EXPECTED ANSWER>")) assertThat(evaluation.has("expected")).isTrue();
        assertThat(Files.readString(file.resolveSibling("README.md"))).containsIgnoringCase("ollama");
    }

    @ParameterizedTest
    @MethodSource("taskFiles")
    void chinese_variants_have_chinese_prompt_criteria_and_data(Path file) throws IOException {
        if (!file.getFileName().toString().equals("task.zh.yaml")) return;
        JsonNode task = new YAMLMapper().readTree(file.toFile());
        assertThat(task.get("prompt").asText()).containsPattern("\\p{IsHan}{4}");
        assertThat(task.at("/evaluation/criteria").asText()).containsPattern("\\p{IsHan}{10}").contains("<EXPECTED ANSWER>");
        Dataset data = Dataset.load(file.resolveSibling(task.at("/data/path").asText()));
        assertThat(data.examples()).allSatisfy(row -> assertThat(row.get("question")).containsPattern("\\p{IsHan}"));
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node != null) node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
