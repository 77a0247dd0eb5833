package dev.gradsum.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.gradsum.cli.provider.ApiKeys;
import dev.gradsum.cli.provider.ChatModels;
import dev.gradsum.data.Example;
import dev.gradsum.llm.CallCache;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.model.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paper's task files in bench/tasks, read against the shared dataset samples when they are present. */
class PaperTaskFilesTest {
    private static final Path TASKS = Path.of("..", "bench", "tasks");
    private static final Map<String, String> ENV = Map.of("OPENAI_API_KEY", "sk-test-not-used");

    private static Path sharedDatasets() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("datasets");
            if (Files.isDirectory(candidate.resolve("gsm8k"))) {
                return candidate;
            }
        }
        return null;
    }

    @Test
    void every_benchmark_with_a_sample_loads_and_renders_readable_prompts() {
        Path data = sharedDatasets();
        assumeThat(data).as("shared datasets folder").isNotNull();
        ScriptedChat target = new ScriptedChat(r -> "My answer to: " + ScriptedChat.lastUser(r));
        SuiteLoader.Suite suite = SuiteLoader.load(TASKS, data, List.of(), f -> {
            ModelRoles fromFile = ChatModels.roles(f.models(), ApiKeys.resolve(f.models(), f.label(), ENV));
            return ModelRoles.builder().target(target).judge(fromFile.model(Role.JUDGE))
                    .gradient(fromFile.model(Role.GRADIENT)).summarizer(fromFile.model(Role.SUMMARIZER))
                    .editor(fromFile.model(Role.EDITOR)).build();
        }, CallCache.inMemory());

        assertThat(suite.tasks()).extracting(BenchTask::key).containsExactlyInAnyOrder(
                "gsm8k", "neural_bridge_rag", "hellaswag", "hotpotqa", "mmlu", "mt_bench", "mt_bench_turn2",
                "vicuna_bench");
        assertThat(target.requests()).as("MT-Bench's 80 first turns, answered once").hasSize(80);
        BenchTask turn2 = suite.tasks().stream().filter(t -> t.key().equals("mt_bench_turn2")).findFirst().orElseThrow();
        var conversation = turn2.task().prompt().conversation(turn2.split().train().get(0));
        assertThat(conversation.system()).isEqualTo("You are a helpful assistant.");
        assertThat(conversation.turns()).hasSize(2);
        assertThat(conversation.turns().get(1).text()).isEqualTo("My answer to: " + conversation.turns().get(0).text());
        assertThat(conversation.user()).isNotEqualTo(conversation.turns().get(0).text()).isNotBlank();
        for (BenchTask task : suite.tasks()) {
            assertThat(task.split().test()).as(task.key()).isNotEmpty();
            Example row = task.split().train().get(0);
            String rendered = task.task().prompt().render(row);
            assertThat(rendered).as(task.key()).doesNotContain("[\"", "{\"");
        }
    }

    @Test
    void choices_render_as_lettered_lines_and_hotpot_context_as_titled_paragraphs() {
        Path data = sharedDatasets();
        assumeThat(data).isNotNull();
        SuiteLoader.Suite suite = SuiteLoader.load(TASKS, data, List.of("mmlu", "hotpotqa", "mt_bench"), ENV);
        Map<String, BenchTask> byKey = new java.util.HashMap<>();
        suite.tasks().forEach(t -> byKey.put(t.key(), t));

        String mmlu = byKey.get("mmlu").task().prompt().render(byKey.get("mmlu").split().train().get(0));
        assertThat(mmlu).containsPattern("(?m)^A\\. .+\\nB\\. .+\\nC\\. .+\\nD\\. .+");
        String hotpot = byKey.get("hotpotqa").task().prompt().render(byKey.get("hotpotqa").split().train().get(0));
        assertThat(hotpot.split("\n\n").length).isGreaterThan(5);
        String mt = byKey.get("mt_bench").task().prompt().render(byKey.get("mt_bench").split().train().get(0));
        assertThat(mt).doesNotStartWith("[");
    }

    @Test
    void orca_math_without_its_file_is_skipped_with_the_path_to_supply() {
        Path data = sharedDatasets();
        assumeThat(data).isNotNull();
        SuiteLoader.Suite suite = SuiteLoader.load(TASKS, data, List.of("orca_math"), ENV);

        assertThat(suite.tasks()).isEmpty();
        assertThat(suite.skipped()).singleElement().satisfies(s -> {
            assertThat(s.key()).isEqualTo("orca_math");
            assertThat(s.reason()).contains("orca_math/orca_math.jsonl").contains("not found");
        });
    }

    @Test
    void a_user_supplied_orca_math_file_is_read_from_the_data_dir(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("orca_math"));
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 170; i++) {
            rows.append("{\"question\": \"What is ").append(i).append(" + 1?\", \"answer\": \"").append(i)
                    .append(" + 1 = ").append(i + 1).append(". The answer is ").append(i + 1).append(".\"}\n");
        }
        Files.writeString(dir.resolve("orca_math/orca_math.jsonl"), rows);

        SuiteLoader.Suite suite = SuiteLoader.load(TASKS, dir, List.of("orca_math"), ENV);

        assertThat(suite.skipped()).isEmpty();
        assertThat(suite.tasks()).singleElement().satisfies(t -> assertThat(t.split().test()).hasSize(100));
    }
}
