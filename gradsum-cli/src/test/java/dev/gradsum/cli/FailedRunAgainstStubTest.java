package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.cli.ModelServerStub.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 6: a failed {@code optimize} prints its run id and the exact command that resumes it,
 * and writes its run folder with what the store has; that command then finishes the run. The stub
 * refuses the key (HTTP 401, which fails every call: docs/cli.md exit code 1) until told otherwise.
 */
class FailedRunAgainstStubTest extends AgainstStub {
    static final java.util.Map<String, String> ENV = OptimizeAgainstStubTest.ENV;
    private static final Pattern FAILED = Pattern.compile(
            "Run (\\S+) failed; what it recorded is in (\\S+)\\. Resume it with: gradsum (.+)");


    @Test
    void a_failed_run_names_itself_writes_what_it_has_and_the_printed_command_resumes_it() throws IOException {
        // one call at a time, so the one refusal queued is the one call the run makes before it stops
        stub.fail(Role.TARGET, ModelServerStub.status(401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}"));
        String model = TaskFolder.openAi(stub.baseUrl(), "");
        Path task = folder.task(TaskFolder.yaml(model, model, ""));
        Path runs = dir.resolve("runs");

        CliRunner.Outcome failed = CliRunner.run(ENV, "optimize", task.toString(), "--out", runs.toString(),
                "--concurrency", "1");

        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(stub.count(Role.TARGET)).isEqualTo(1);
        List<String> err = failed.errLines();
        assertThat(err.get(err.size() - 1)).startsWith("target model: HTTP 401");
        Matcher m = FAILED.matcher(err.get(err.size() - 2));
        assertThat(m.matches()).as(failed.err()).isTrue();
        String runId = m.group(1);
        String store = " --store " + task.resolveSibling(".gradsum").resolve("gradsum.db");
        assertThat(m.group(3)).isEqualTo("optimize " + task + " --resume " + runId + store);
        Path runDir = runs.resolve(runId);
        assertThat(Path.of(m.group(2))).isEqualTo(runDir.resolve("run.txt"));
        String runTxt = Files.readString(runDir.resolve("run.txt"), StandardCharsets.UTF_8);
        assertThat(runTxt).startsWith("Run " + runId + " (task capitals)")
                .contains("  status:     failed: ").contains("HTTP 401")
                .contains("  continue with: gradsum optimize " + task + " --resume " + runId + store);
        // nothing was rated, so there is no best prompt, result or report to show
        try (Stream<Path> files = Files.list(runDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("run.txt");
        }

        // the key is fixed (the stub answers again): the printed command, run as printed, finishes the run
        String[] resume = (m.group(3) + " --out " + runs).split(" ");
        CliRunner.Outcome resumed = CliRunner.run(ENV, resume);

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(runDir.resolve("best_prompt.txt")).isNotEmptyFile();
        assertThat(runDir.resolve("result.json")).isNotEmptyFile();
    }

    @Test
    void a_run_that_fails_after_an_iteration_finished_keeps_its_best_prompt_so_far() throws IOException {
        // one call at a time: the target answers iteration 1's 16 calls (4 training rows, then 3 prompts on
        // 4 validation rows), then its key is refused
        MockResponse[] target = new MockResponse[24];
        Arrays.fill(target, 0, 16, ModelServerStub.status(200, ""));
        Arrays.fill(target, 16, target.length, ModelServerStub.status(401, "{\"error\":{\"message\":\"key revoked\"}}"));
        stub.fail(Role.TARGET, target);
        String model = TaskFolder.openAi(stub.baseUrl(), "");
        Path task = folder.task(TaskFolder.yaml(model, model, ""));
        Path runs = dir.resolve("runs");

        CliRunner.Outcome failed = CliRunner.run(ENV, "optimize", task.toString(), "--out", runs.toString(),
                "--concurrency", "1");

        assertThat(failed.exitCode()).as(failed.err()).isEqualTo(1);
        List<String> err = failed.errLines();
        Matcher m = FAILED.matcher(err.get(err.size() - 2));
        assertThat(m.matches()).as(failed.err()).isTrue();
        Path runDir = runs.resolve(m.group(1));
        String runTxt = Files.readString(runDir.resolve("run.txt"), StandardCharsets.UTF_8);
        assertThat(runTxt).contains("  iteration 1: best ");
        String soFar = Files.readString(runDir.resolve("best_prompt_so_far.txt"), StandardCharsets.UTF_8);
        assertThat(soFar).contains("{country}");
        assertThat(runTxt).contains(soFar.lines().findFirst().orElseThrow());
        assertThat(runDir.resolve("best_prompt.txt")).doesNotExist();
        assertThat(runDir.resolve("result.json")).doesNotExist();
    }
}
