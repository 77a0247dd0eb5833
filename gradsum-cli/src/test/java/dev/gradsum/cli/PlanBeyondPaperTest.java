package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task-file keys of issue 13 (selection, gate, validation, judge samples, min_confidence) reach plan's estimate. */
class PlanBeyondPaperTest {
    private static final Pattern TOTAL = Pattern.compile("total\\s+([\\d,]+)–([\\d,]+)\\s");

    @TempDir
    Path dir;

    /** plan's total calls, low and high, for the capitals task with {@code search} keys added and {@code evaluation} lines. */
    private long[] total(String searchKeys, String evaluationLines) {
        String yaml = TaskFolder.yaml("{provider: simulated}", "{provider: simulated}", "")
                .replace("concurrency: 4}", "concurrency: 4" + searchKeys + "}")
                .replace("  expected: capital\n", "  expected: capital\n" + evaluationLines);
        Path task = new TaskFolder(dir).task(yaml);
        CliRunner.Outcome r = CliRunner.run(Map.of(), "plan", task.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Matcher m = TOTAL.matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        return new long[] {Long.parseLong(m.group(1).replace(",", "")), Long.parseLong(m.group(2).replace(",", ""))};
    }

    @Test
    void each_switch_changes_the_estimate_as_its_calls_do() {
        long[] paper = total("", "");
        long[] pareto = total(", selection: pareto", "");
        long[] gate = total(", gate: minibatch", "");
        long[] halving = total(", validation: halving", "");
        long[] samples = total("", "  judge_samples: 3\n");
        long[] confidence = total(", min_confidence: 0.9", "");

        assertThat(pareto).isEqualTo(paper);
        assertThat(confidence).isEqualTo(paper);
        // the gate: every child (2 + 4) answers the 4 training rows, and is judged: 48 more at most
        assertThat(gate).containsExactly(paper[0], paper[1] + 6 * 4 * 2);
        // halving: iteration 2's 4 children answer 2 rows, the better 2 all 4 (12 instead of 16), and are judged
        assertThat(halving).containsExactly(paper[0], paper[1] - 4 * 2);
        assertThat(samples[0]).isGreaterThan(paper[0]);
        assertThat(samples[1]).isGreaterThan(paper[1]);
    }

    @Test
    void a_run_records_the_options_that_differ_from_the_paper_among_its_settings() {
        String yaml = TaskFolder.yaml("{provider: simulated}", "{provider: simulated}", "")
                .replace("concurrency: 4}", "concurrency: 4, selection: pareto, validation: halving, min_confidence: 0.9}")
                .replace("  expected: capital\n", "  expected: capital\n  judge_samples: 3\n");
        Path task = new TaskFolder(dir).task(yaml);
        Path paper = new TaskFolder(dir.resolve("paper")).task(TaskFolder.yaml("{provider: simulated}", "{provider: simulated}", ""));

        TaskRun run = TaskRun.load(task.toString(), null, null);

        assertThat(run.options.selection()).isEqualTo(dev.gradsum.search.SearchOptions.Selection.PARETO);
        assertThat(run.options.judgeSamples()).isEqualTo(3);
        assertThat(run.settings()).containsEntry("beyond the paper",
                "selection pareto, validation halving, judge_samples 3, min_confidence 0.9");
        assertThat(TaskRun.load(paper.toString(), null, null).settings()).doesNotContainKey("beyond the paper");
    }

    @Test
    void a_mistyped_value_is_named_with_its_key_and_the_known_values() {
        String yaml = TaskFolder.yaml("{provider: simulated}", "{provider: simulated}", "")
                .replace("concurrency: 4}", "concurrency: 4, selection: paretto}");
        Path task = new TaskFolder(dir).task(yaml);

        CliRunner.Outcome r = CliRunner.run(Map.of(), "plan", task.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("search.selection").contains("paretto").contains("pareto").contains("beam");
    }
}
