package dev.gradsum.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.cli.taskfile.TaskFileReader;
import dev.gradsum.data.Example;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.llm.CallCache;
import dev.gradsum.model.Budget;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.store.SqliteStore;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's second-turn protocol ({@link FirstTurn}): the target's own answer to turn 1 becomes each
 * row's history, every role then sees both turns, and a rerun on the same store pays no first-turn call.
 */
class FirstTurnTest {
    private static final String TASK = """
            name: turn2
            description: Continue a conversation about your own previous answer.
            bench:
              first_turn: {turns: turns}
            prompt:
              system: You are a helpful assistant.
              user: "{request}"
            data:
              path: mt/rows.jsonl
              fields: {request: "turns[1]"}
              history: history
              split: {train: 4, validation: 2, test: 2}
            evaluation:
              scale: 10
              criteria: Rate the assistant's last response from 1 to 10.
            models:
              target: {provider: openai, model: gpt-4o-mini, api_key_env: OPENAI_API_KEY}
            """;

    /** The models of one world: the target answers {@code A<last user message>}, the judge gives 3 of 10. */
    private static final class World {
        final ScriptedChat target = new ScriptedChat(r -> "A<" + ScriptedChat.lastUser(r) + ">");
        final ScriptedChat judge = new ScriptedChat(r -> "{\"reasoning\": \"misses the constraint\", \"score\": 3}");
        final ScriptedChat gradient = new ScriptedChat(r -> "Tell the assistant to apply the new constraint.");
        final ScriptedChat summarizer = new ScriptedChat(r -> "Apply the follow-up's constraint to the earlier answer.");
        final AtomicInteger edits = new AtomicInteger();
        final ScriptedChat editor = new ScriptedChat(r -> {
            int n = edits.incrementAndGet();
            return "{\"prompts\": [{\"system\": \"You are a helpful assistant; apply every follow-up constraint (" + n
                    + "a).\"}, {\"system\": \"Follow the user's latest request exactly (" + n + "b).\"}, "
                    + "{\"system\": \"Revise your previous answer as asked (" + n + "c).\"}]}";
        });

        ModelRoles roles() {
            return ModelRoles.builder().target(target).judge(judge).gradient(gradient).summarizer(summarizer)
                    .editor(editor).build();
        }
    }

    private static Path suite(Path dir) throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("mt"));
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= 8; i++) {
            rows.append("{\"id\": \"q").append(i).append("\", \"turns\": [\"Write poem ").append(i)
                    .append(".\", \"Now rewrite it in rhymes ").append(i).append(".\"]}\n");
        }
        Files.writeString(data.resolve("mt/rows.jsonl"), rows);
        Path task = dir.resolve("turn2.yaml");
        Files.writeString(task, TASK);
        return task;
    }

    private static BenchTask load(Path task, Path dataDir, World world, CallCache cache) {
        SuiteLoader.Suite suite = SuiteLoader.load(task, dataDir, List.of(), f -> world.roles(), cache);
        assertThat(suite.skipped()).isEmpty();
        return suite.tasks().get(0);
    }

    @Test
    void the_targets_first_answers_become_the_history_and_every_role_sees_both_turns(@TempDir Path dir)
            throws Exception {
        Path task = suite(dir);
        World world = new World();
        BenchTask loaded = load(task, dir.resolve("data"), world, CallCache.inMemory());

        assertThat(world.target.requests()).as("one first-turn call per row").hasSize(8);
        assertThat(ScriptedChat.messages(world.target.requests().get(0))).hasSize(2)
                .first().isEqualTo("system: You are a helpful assistant.");
        Example row = loaded.split().train().get(0);
        String n = row.id().substring(1);
        assertThat(loaded.task().prompt().conversation(row).turns()).extracting(Object::toString).containsExactly(
                "User: Write poem " + n + ".", "Assistant: A<Write poem " + n + ".>");
        assertThat(loaded.data()).contains("first turns answered by the target: 8 paid, 0 from the cache");

        Optimizers.byKey(Optimizers.GRADSUM)
                .optimize(loaded, new BenchSettings(List.of(Optimizers.GRADSUM), 1, Budget.unlimited(), 3, 100));

        List<ChatRequest> secondTurns = world.target.requests().subList(8, world.target.requests().size());
        assertThat(secondTurns).isNotEmpty().allSatisfy(r -> {
            List<String> m = ScriptedChat.messages(r);
            assertThat(m).hasSize(4);
            String i = m.get(1).replaceAll("\\D", "");
            assertThat(m.subList(1, 4)).containsExactly("user: Write poem " + i + ".",
                    "assistant: A<Write poem " + i + ".>", "user: Now rewrite it in rhymes " + i + ".");
        });
        assertThat(world.judge.requests()).isNotEmpty().allSatisfy(r -> assertThat(ScriptedChat.lastUser(r))
                .contains("User: Write poem").contains("Assistant: A<Write poem").contains("Now rewrite it in rhymes"));
        assertThat(world.gradient.requests()).isNotEmpty().allSatisfy(r -> assertThat(ScriptedChat.lastUser(r))
                .contains("User: Write poem").contains("Assistant: A<Write poem").contains("Now rewrite it in rhymes"));
    }

    @Test
    void a_rerun_on_the_same_store_pays_no_first_turn_call(@TempDir Path dir) throws Exception {
        Path task = suite(dir);
        World first = new World();
        World second = new World();
        BenchTask once;
        BenchTask again;
        try (SqliteStore store = SqliteStore.open(dir.resolve("store.db"))) {
            once = load(task, dir.resolve("data"), first, store);
        }
        try (SqliteStore store = SqliteStore.open(dir.resolve("store.db"))) {
            again = load(task, dir.resolve("data"), second, store);
        }
        assertThat(first.target.requests()).hasSize(8);
        assertThat(second.target.requests()).as("replayed from the store").isEmpty();
        assertThat(again.data()).contains("0 paid, 8 from the cache");
        assertThat(again.split().train()).isEqualTo(once.split().train());
    }

    @Test
    void the_option_is_the_benchs_own_and_checked(@TempDir Path dir) throws Exception {
        Path task = suite(dir);
        assertThatThrownBy(() -> TaskFileReader.read(task, "turn2.yaml"))
                .as("gradsum itself does not know the bench's key").isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("bench").hasMessageContaining("unknown key");
        Files.writeString(task, TASK.replace("first_turn: {turns: turns}", "first_turns: {turns: turns}"));
        assertThatThrownBy(() -> SuiteLoader.load(task, dir.resolve("data"), List.of(), f -> new World().roles(), null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("turn2.yaml: bench.first_turns: unknown key (known: first_turn)".replace("turn2.yaml",
                        task.toString()));
        Files.writeString(task, TASK.replace("  history: history\n", ""));
        assertThatThrownBy(() -> SuiteLoader.load(task, dir.resolve("data"), List.of(), f -> new World().roles(),
                CallCache.inMemory())).isInstanceOf(ConfigurationException.class).hasMessageContaining("give data.history");
    }
}
