package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 7: every exit code {@code gradsum eval} documents (docs/cli.md, Exit codes), against the
 * stub server: 0 done, 1 a run-time failure (server unreachable, a replay miss, rows that could not be
 * rated), 2 a usage mistake with nothing called, 3 the budget, 4 a gate. The stub's target names the city
 * only for a prompt asking for the city alone.
 */
class EvalExitCodesTest extends AgainstStub {
    static final Map<String, String> ENV = OptimizeAgainstStubTest.ENV;

    Path task;
    Path good;

    @BeforeEach
    void start() throws IOException {
        task = folder.task(TaskFolder.yaml(TaskFolder.openAi(stub.baseUrl(), ""), TaskFolder.openAi(stub.baseUrl(), ""), ""));
        good = folder.write("good.txt", "Tell me about the capital of {country}. " + ModelServerStub.FIX + "\n");
    }

    private CliRunner.Outcome eval(Path taskFile, String... flags) {
        String[] args = new String[flags.length + 2];
        args[0] = "eval";
        args[1] = taskFile.toString();
        System.arraycopy(flags, 0, args, 2, flags.length);
        return CliRunner.run(ENV, args);
    }

    @Test
    void exit_0_when_every_row_is_rated_and_every_gate_passes() {
        CliRunner.Outcome r = eval(task, "--prompt", good.toString(), "--min-score", "1", "--baseline", good.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCode.OK).isZero();
        assertThat(r.out()).contains("Score 1.000 on the test split: 4 of 4 rated rows passed.");
    }

    @Test
    void exit_1_when_the_server_cannot_be_reached_naming_it_and_nothing_is_scored() throws IOException {
        stub.close();
        CliRunner.Outcome r = eval(task, "--min-score", "0.5");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCode.RUN_FAILED).isEqualTo(1);
        assertThat(r.err()).contains("127.0.0.1");
        assertThat(r.out()).doesNotContain("Score ");
    }

    @Test
    void exit_1_when_rows_could_not_be_rated_before_any_gate() {
        stub.judgeReplies(input -> "no verdict here");
        CliRunner.Outcome r = eval(task, "--prompt", good.toString(), "--min-score", "0.5");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.errLines()).last().asString().startsWith("eval: 4 of 4 rows could not be rated");
        assertThat(r.err()).doesNotContain("--min-score");
    }

    @Test
    void exit_2_for_a_usage_mistake_and_no_model_is_called() {
        assertThat(eval(task, "--min-score", "-0.1").exitCode()).isEqualTo(ExitCode.USAGE).isEqualTo(2);
        assertThat(eval(task, "--margin", "-1").exitCode()).isEqualTo(2);
        assertThat(eval(task, "--prompt", "missing.txt").err()).contains("--prompt: file not found: missing.txt");
        assertThat(eval(task, "--baseline", "missing.txt").exitCode()).isEqualTo(2);
        assertThat(eval(task, "--format", "yaml").exitCode()).isEqualTo(2);
        assertThat(eval(task, "--split", "test", "--data", "other.jsonl").exitCode()).isEqualTo(2);
        assertThat(eval(task, "--replay", "missing.jsonl").err()).contains("--replay: file not found: missing.jsonl");
        assertThat(eval(folder.write("broken.yaml", "name: x\nbeems: 2\n")).exitCode()).isEqualTo(2);
        assertThat(stub.count(ModelServerStub.Role.TARGET) + stub.count(ModelServerStub.Role.JUDGE)).isZero();
    }

    @Test
    void exit_3_when_the_budget_stops_the_eval() {
        Path limited = folder.write("limited.yaml", TaskFolder.yaml(TaskFolder.openAi(stub.baseUrl(), ""),
                TaskFolder.openAi(stub.baseUrl(), ""), "budget: {calls: 3}\n"));
        CliRunner.Outcome r = eval(limited, "--prompt", good.toString(), "--min-score", "0.5");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCode.BUDGET).isEqualTo(3);
        assertThat(r.errLines()).last().asString()
                .startsWith("eval: stopped on the budget before every row was rated, so no score: budget.calls limit of 3 calls");
        assertThat(r.out()).doesNotContain("Score ");
    }

    @Test
    void exit_4_when_a_gate_fails_and_the_report_is_still_written() {
        Path xml = dir.resolve("eval.xml");
        CliRunner.Outcome r = eval(task, "--min-score", "0.5", "--format", "junit", "--output", xml.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCode.GATE_FAILED).isEqualTo(4);
        assertThat(xml).exists();
    }
}
