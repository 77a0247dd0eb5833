package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradsum.data.Example;
import dev.gradsum.simulation.SimulatedWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gradsum judge-check} in the simulated world: its judge agrees with an exact match on the
 * expected answer, disagrees with made-up human verdicts (exit 5), and a second check pays for nothing.
 */
class JudgeCheckCommandTest {
    @TempDir
    Path dir;
    Path task;

    @BeforeEach
    void write_the_simulated_task() throws Exception {
        SimulatedWorld world = SimulatedWorld.create();
        StringBuilder rows = new StringBuilder();
        ObjectMapper json = new ObjectMapper();
        int i = 0;
        for (Example e : world.dataset().examples()) {
            Map<String, String> fields = new LinkedHashMap<>(e.fields());
            fields.put("coin", i++ % 2 == 0 ? "pass" : "fail");
            rows.append(json.writeValueAsString(fields)).append('\n');
        }
        Files.writeString(dir.resolve("data.jsonl"), rows.toString());
        String prompt = world.task().prompt().text().replace("\n", "\n  ");
        task = dir.resolve("task.yaml");
        Files.writeString(task, """
                name: orders
                description: Price an order and reply with the amount the customer pays.
                prompt: |
                  %s
                data:
                  path: data.jsonl
                  split: {train: 10, validation: 10, test: 10}
                  seed: 1
                evaluation:
                  criteria: The answer must be exactly <EXPECTED ANSWER>, with its currency code, and nothing else.
                  expected: answer
                models:
                  target: {provider: simulated}
                  optimizer: {provider: simulated}
                store: .gradsum/gradsum.db
                """.formatted(prompt));
    }

    @Test
    void the_simulated_judge_agrees_with_an_exact_match_and_a_second_check_pays_nothing() {
        CliRunner.Outcome first = CliRunner.run(Map.of(), "judge-check", task.toString(), "--against", "exact", "--sample", "40");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("Judge check on 40 sampled rows (seed 0)", "exact(answer)", "reference pass",
                "Cohen's kappa 1.000 on 40 rated rows").containsPattern("judge pass\\s+\\d+\\s+0\\R")
                .containsPattern("judge fail\\s+0\\s+\\d+\\R").contains("(80 paid, 0 from cache");
        CliRunner.Outcome again = CliRunner.run(Map.of(), "judge-check", task.toString(), "--against", "exact", "--sample", "40");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("(0 paid, 80 from cache");
    }

    @Test
    void made_up_human_verdicts_disagree_and_exit_5() {
        CliRunner.Outcome r = CliRunner.run(Map.of(), "judge-check", task.toString(), "--human", "coin", "--sample", "60",
                "--seed", "2");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.JUDGE_DISAGREES);
        assertThat(r.out()).contains("human verdicts in 'coin'");
        assertThat(r.err()).contains("is below --min-kappa 0.6");
    }

    @Test
    void the_given_answers_are_rated_without_calling_the_target() {
        CliRunner.Outcome r = CliRunner.run(Map.of(), "judge-check", task.toString(), "--answers", "answer",
                "--against", "exact", "--sample", "20", "--min-kappa", "0");
        // every given answer is the expected one: both sides pass everything, kappa is undefined
        assertThat(r.out()).contains("judge pass               20              0", "(20 paid", "kappa undefined");
        assertThat(r.exitCode()).isEqualTo(ExitCode.JUDGE_DISAGREES);
    }

    @Test
    void without_a_reference_it_says_what_to_give() {
        CliRunner.Outcome r = CliRunner.run(Map.of(), "judge-check", task.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--against", "--human");
    }
}
