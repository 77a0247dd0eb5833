package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code gradsum optimize} with a chat prompt ({@code prompt: {system, user}}) against the local stub:
 * the system message is sent as the provider's system message and is the one optimized, the user
 * template comes back byte for byte, and the run folder holds the messages as files.
 */
class ChatPromptAgainstStubTest extends AgainstStub {
    private static final Map<String, String> ENV = Map.of("STUB_KEY", "sk-test-4242");
    private static final String USER = "Tell me about the capital of {country}.";

    private String task(String promptSection, String extra) {
        String model = TaskFolder.openAi(stub.baseUrl(), "");
        return TaskFolder.yaml(model, model, extra).replace("prompt: |\n  Tell me about the capital of {country}.\n",
                promptSection);
    }

    /** An OpenAI request's messages as {@code role: content | …}. */
    static String messages(String body) {
        try {
            List<String> out = new ArrayList<>();
            new ObjectMapper().readTree(body).path("messages")
                    .forEach(m -> out.add(m.path("role").asText() + ": " + m.path("content").asText()));
            return String.join(" | ", out);
        } catch (IOException e) {
            return "";
        }
    }

    private Path runFolder() throws IOException {
        try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
            return runs.findFirst().orElseThrow();
        }
    }

    @Test
    void the_system_message_is_sent_as_such_optimized_and_written_out_while_the_user_template_is_kept() throws IOException {
        List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        stub.gate(bodies::add);
        Path file = folder.task(task("prompt:\n  system: You are a geography assistant.\n  user: " + USER + "\n", ""));

        CliRunner.Outcome r = CliRunner.run(ENV, "optimize", file.toString(), "--out", dir.resolve("runs").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        Path run = runFolder();
        assertThat(Files.readString(run.resolve("best_prompt.user.txt"), StandardCharsets.UTF_8)).isEqualTo(USER);
        String system = Files.readString(run.resolve("best_prompt.system.txt"), StandardCharsets.UTF_8);
        assertThat(system).startsWith("You are a geography assistant.").contains(ModelServerStub.FIX);
        JsonNode json = new ObjectMapper().readTree(run.resolve("best_prompt.json").toFile());
        assertThat(json.at("/messages/0/name").asText()).isEqualTo("system");
        assertThat(json.at("/messages/0/optimized").asBoolean()).isTrue();
        assertThat(json.at("/messages/1/content").asText()).isEqualTo(USER);
        assertThat(json.at("/messages/1/optimized").asBoolean()).isFalse();
        JsonNode result = new ObjectMapper().readTree(run.resolve("result.json").toFile());
        assertThat(result.at("/best_prompt/messages/0/content").asText()).isEqualTo(system);
        assertThat(result.at("/initial_prompt/messages/0/content").asText()).isEqualTo("You are a geography assistant.");
        assertThat(Files.readString(run.resolve("report.html"))).contains("system message (optimized)")
                .contains("user message (kept as written)");
        assertThat(r.out()).contains("best 1.000").contains("[system, optimized]\n" + system.stripTrailing() + "\n[user]\n" + USER);
        assertThat(bodies.stream().map(ChatPromptAgainstStubTest::messages)).contains(
                "system: You are a geography assistant. | user: Tell me about the capital of France.");
    }

    @Test
    void a_messages_list_with_history_sends_each_rows_prior_turns_before_the_user_message() throws IOException {
        StringBuilder rows = new StringBuilder();
        TaskFolder.CAPITALS.keySet().forEach(country -> rows.append("{\"country\": \"").append(country)
                .append("\", \"capital\": \"").append(TaskFolder.CAPITALS.get(country))
                .append("\", \"turns\": [{\"role\": \"user\", \"content\": \"I am planning a trip.\"},"
                        + " {\"role\": \"assistant\", \"content\": \"Where to?\"}]}\n"));
        folder.write("data.jsonl", rows.toString());
        List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        stub.gate(bodies::add);
        String yaml = task("messages:\n  - {role: system, content: You are a geography assistant.}\n"
                + "  - {role: user, content: \"" + USER + "\"}\noptimize: [system]\n", "")
                .replace("  path: data.jsonl\n", "  path: data.jsonl\n  history: turns\n");
        Path file = folder.task(yaml);

        CliRunner.Outcome r = CliRunner.run(ENV, "optimize", file.toString(), "--out", dir.resolve("runs").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(bodies.stream().map(ChatPromptAgainstStubTest::messages)).contains(
                "system: You are a geography assistant. | user: I am planning a trip. | assistant: Where to?"
                        + " | user: Tell me about the capital of France.");
        // the judge sees the conversation the target saw
        assertThat(bodies).anySatisfy(b -> assertThat(messages(b)).contains("<scale>")
                .contains("User: I am planning a trip.\n\nAssistant: Where to?"));
        assertThat(Files.readString(runFolder().resolve("best_prompt.user.txt"))).isEqualTo(USER);
    }

    @Test
    void a_chat_prompt_mistake_names_the_key() {
        Path file = folder.task(task("prompt:\n  system: S\n  user: " + USER + "\noptimize: [sytem]\n", ""));
        CliRunner.Outcome r = CliRunner.run(ENV, "optimize", file.toString(), "--out", dir.resolve("runs").toString());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("optimize: no message named \"sytem\"; the messages are system, user");

        Path unknown = folder.task(task("prompt:\n  system: S\n  usr: " + USER + "\n", ""));
        CliRunner.Outcome u = CliRunner.run(ENV, "optimize", unknown.toString(), "--out", dir.resolve("runs").toString());
        assertThat(u.err()).contains("prompt.usr: unknown key; did you mean \"user\"?");

        Path last = folder.task(task("messages:\n  - {role: user, content: \"" + USER + "\"}\n  - {role: assistant, content: A}\n", ""));
        CliRunner.Outcome l = CliRunner.run(ENV, "optimize", last.toString(), "--out", dir.resolve("runs").toString());
        assertThat(l.err()).contains("messages: the last message is the user template (role: user)");

        Path history = folder.task(task("prompt:\n  system: S\n  user: " + USER + "\n", "")
                .replace("  path: data.jsonl\n", "  path: data.jsonl\n  history: turns\n"));
        CliRunner.Outcome h = CliRunner.run(ENV, "plan", history.toString());
        assertThat(h.err()).contains("data.history: field \"turns\" is not in data row 1 at data.jsonl:1 (fields: country, capital)");
    }

    @Test
    void example_turns_of_a_messages_list_are_sent_before_the_user_message_and_plan_accepts_them() throws IOException {
        List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        stub.gate(bodies::add);
        Path file = folder.task(task("messages:\n  - {role: user, content: Tell me about the capital of Togo.}\n"
                + "  - {role: assistant, content: Lome}\n  - {role: user, content: \"" + USER + "\"}\n"
                + "optimize: user\n", ""));
        assertThat(CliRunner.run(ENV, "plan", file.toString()).exitCode()).isZero();

        CliRunner.Outcome r = CliRunner.run(ENV, "optimize", file.toString(), "--out", dir.resolve("runs").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(bodies.stream().map(ChatPromptAgainstStubTest::messages)).contains("user: Tell me about the capital"
                + " of Togo. | assistant: Lome | user: Tell me about the capital of France.");
        Path run = runFolder();
        assertThat(Files.readString(run.resolve("best_prompt.example_1_assistant.txt"))).isEqualTo("Lome");
        assertThat(Files.readString(run.resolve("best_prompt.user.txt"))).startsWith(USER).contains(ModelServerStub.FIX);
    }
}
