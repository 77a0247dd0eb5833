package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 2: {@code --record FILE} writes every answered call (JSON lines sorted by request key, no
 * key, no URL); {@code --replay FILE} answers only from it, with no key variable set and the stub server
 * stopped, and gives exactly the recorded scores; a request the recording lacks is exit 1 naming the role
 * and the prompt.
 */
class RecordReplayAgainstStubTest extends AgainstStub {
    static final Map<String, String> ENV = OptimizeAgainstStubTest.ENV;

    Path task;

    @BeforeEach
    void start() throws IOException {
        String model = TaskFolder.openAi(stub.baseUrl(), "");
        task = folder.task(TaskFolder.yaml(model, model, ""));
    }

    private String store(String name) {
        return dir.resolve(name + ".db").toString();
    }

    @Test
    void an_eval_replayed_without_key_or_server_gives_the_recorded_score() throws IOException {
        Path recording = dir.resolve("answers.jsonl");
        CliRunner.Outcome recorded = CliRunner.run(ENV, "eval", task.toString(), "--store", store("a"),
                "--record", recording.toString());
        assertThat(recorded.exitCode()).as(recorded.err()).isZero();

        List<String> lines = Files.readAllLines(recording, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(8); // 4 answers and 4 verdicts
        List<String> keys = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode n = json.readTree(line);
            keys.add(n.get("key").asText());
            assertThat(n.get("role").asText()).isIn("target", "judge");
            assertThat(n.get("model").asText()).isEqualTo("stub-model");
            assertThat(n.get("user").asText()).isNotBlank();
            assertThat(n.has("reply")).isTrue();
        }
        assertThat(keys).isSorted().doesNotHaveDuplicates();
        String text = Files.readString(recording);
        assertThat(text).doesNotContain(OptimizeAgainstStubTest.KEY).doesNotContain(stub.baseUrl())
                .doesNotContain("127.0.0.1").doesNotContain("localhost");

        stub.close();
        CliRunner.Outcome replayed = CliRunner.run(Map.of(), "eval", task.toString(), "--store", store("b"),
                "--replay", recording.toString());
        assertThat(replayed.exitCode()).as(replayed.err()).isZero();
        assertThat(scoreLine(replayed)).isEqualTo(scoreLine(recorded));
        assertThat(replayed.out()).contains("0 paid, 8 from cache");
    }

    @Test
    void a_replayed_eval_reports_exactly_the_recorded_scores_row_by_row_and_the_same_baseline_interval() throws IOException {
        Path recording = dir.resolve("answers.jsonl");
        Path good = folder.write("good.txt", "Tell me about the capital of {country}. " + ModelServerStub.FIX + "\n");
        Path bad = folder.write("bad.txt", "Tell me about the capital of {country}.\n");
        // half the verdicts pass: scores and the interval are not all 0 or 1
        stub.judgeReplies(input -> input.contains("Kenya") || input.contains("Peru") || input.contains("Chile")
                ? "{\"reasoning\": \"partly right\", \"score\": 0}" : null);
        Path first = dir.resolve("recorded.json");
        CliRunner.Outcome recorded = CliRunner.run(ENV, "eval", task.toString(), "--store", store("a"), "--prompt",
                good.toString(), "--baseline", bad.toString(), "--format", "json",
                "--output", first.toString(), "--record", recording.toString());
        assertThat(recorded.exitCode()).as(recorded.err()).isZero();

        stub.close();
        Path second = dir.resolve("replayed.json");
        CliRunner.Outcome replayed = CliRunner.run(Map.of(), "eval", task.toString(), "--store", store("b"), "--prompt",
                good.toString(), "--baseline", bad.toString(), "--format", "json",
                "--output", second.toString(), "--replay", recording.toString());
        assertThat(replayed.exitCode()).as(replayed.err()).isZero();

        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(first.toFile());
        JsonNode b = json.readTree(second.toFile());
        assertThat(a.get("results")).hasSize(4);
        assertThat(b.get("results")).isEqualTo(a.get("results"));
        assertThat(b.get("score")).isEqualTo(a.get("score"));
        assertThat(b.get("baseline")).isEqualTo(a.get("baseline"));
        assertThat(a.get("baseline").get("low").asDouble()).as("an interval that is not a single point")
                .isLessThan(a.get("baseline").get("high").asDouble());
        assertThat(replayed.out().lines().filter(l -> l.startsWith("Score ") || l.startsWith("Against ")).toList())
                .isEqualTo(recorded.out().lines().filter(l -> l.startsWith("Score ") || l.startsWith("Against ")).toList())
                .hasSize(2);
    }

    @Test
    void a_request_missing_from_the_recording_stops_the_replay_naming_the_role_and_the_prompt() throws IOException {
        Path recording = dir.resolve("answers.jsonl");
        assertThat(CliRunner.run(ENV, "eval", task.toString(), "--store", store("a"), "--record", recording.toString())
                .exitCode()).isZero();
        Path other = folder.write("other.txt", "Name the capital of {country}, please.\nSecond line.\n");
        stub.close();

        CliRunner.Outcome r = CliRunner.run(Map.of(), "eval", task.toString(), "--store", store("b"),
                "--prompt", other.toString(), "--replay", recording.toString());

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(r.err()).contains("--replay " + recording + ": no recorded answer for the target (stub-model)"
                + " to the prompt \"Name the capital of ")
                .contains("record it again with --record")
                .doesNotContain("could not be rated"); // the run stopped at the miss, rows were not scored as errors
        assertThat(r.out()).doesNotContain("Score ");
    }

    @Test
    void an_optimize_replayed_without_key_or_server_finds_the_same_best_prompt_and_scores() throws IOException {
        Path recording = dir.resolve("optimize.jsonl");
        CliRunner.Outcome recorded = CliRunner.run(ENV, "optimize", task.toString(), "--store", store("a"),
                "--out", dir.resolve("runs-a").toString(), "--record", recording.toString());
        assertThat(recorded.exitCode()).as(recorded.err()).isZero();
        assertThat(Files.readAllLines(recording)).hasSizeGreaterThan(8);

        stub.close();
        CliRunner.Outcome replayed = CliRunner.run(Map.of(), "optimize", task.toString(), "--store", store("b"),
                "--out", dir.resolve("runs-b").toString(), "--replay", recording.toString());
        assertThat(replayed.exitCode()).as(replayed.err()).isZero();
        assertThat(bestPrompt(dir.resolve("runs-b"))).isEqualTo(bestPrompt(dir.resolve("runs-a")))
                .contains(ModelServerStub.FIX);
        assertThat(testLine(replayed)).isEqualTo(testLine(recorded)).contains("best 1.000");
    }

    @Test
    void record_and_replay_together_are_a_usage_mistake() {
        CliRunner.Outcome r = CliRunner.run(ENV, "eval", task.toString(), "--record", "a.jsonl", "--replay", "b.jsonl");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    }

    private static String scoreLine(CliRunner.Outcome r) {
        return r.out().lines().filter(l -> l.startsWith("Score ")).findFirst().orElseThrow();
    }

    private static String testLine(CliRunner.Outcome r) {
        return r.out().lines().filter(l -> l.contains("Test (")).findFirst().orElseThrow(() -> new AssertionError(r.out()));
    }

    private static String bestPrompt(Path runs) throws IOException {
        try (Stream<Path> s = Files.list(runs)) {
            return Files.readString(s.findFirst().orElseThrow().resolve("best_prompt.txt"));
        }
    }
}
