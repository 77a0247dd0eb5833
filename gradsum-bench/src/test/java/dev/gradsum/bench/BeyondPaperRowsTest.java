package dev.gradsum.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multi-seed bench's GRAD-SUM rows beyond the paper (Pareto selection, the minibatch gate, successive
 * halving, judge samples, the significance test) run from the command line, on a hard world whose judge
 * error is set by {@code --judge-error}; the task-file suite keeps its five columns by default.
 */
class BeyondPaperRowsTest {
    @TempDir
    Path out;

    private record Ran(int code, String printed, String err) {
    }

    private Ran suite(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int code;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            code = BenchMain.run(System.out, new PrintStream(err, true, StandardCharsets.UTF_8), args);
        } finally {
            System.setOut(stdout);
        }
        return new Ran(code, printed.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void every_variant_runs_as_a_row_of_the_hard_world_at_the_judge_error_asked_for() {
        List<String> variants = new ArrayList<>(Optimizers.KEYS);
        variants.removeAll(Optimizers.SUITE_DEFAULT);
        assertThat(variants).contains(Optimizers.GRADSUM_PARETO, Optimizers.GRADSUM_GATE, Optimizers.GRADSUM_HALVING,
                Optimizers.GRADSUM_GATE_HALVING_PARETO, Optimizers.GRADSUM_JUDGE3, Optimizers.GRADSUM_CONFIDENCE,
                Optimizers.GRADSUM_JUDGE3_CONFIDENCE, Optimizers.GRADSUM_PARETO_CONFIDENCE,
                Optimizers.GRADSUM_PARETO_JUDGE3_CONFIDENCE);

        Ran ran = suite("suite", "--world", "hard", "--seeds", "1", "--iterations", "1", "--split", "10/10/20",
                "--judge-error", "0.3", "--optimizers", Optimizers.GRADSUM + "," + String.join(",", variants),
                "--out", out.toString());

        assertThat(ran.code()).as(ran.err()).isZero();
        assertThat(ran.printed()).contains("judge wrong on 30%", "| GRAD-SUM pareto |", "| GRAD-SUM minibatch gate |",
                "| GRAD-SUM successive halving |", "| GRAD-SUM gate + halving + pareto |", "| GRAD-SUM 3 judge samples |",
                "| GRAD-SUM min confidence 0.9 |", "| GRAD-SUM 3 judge samples + min confidence 0.9 |",
                "| GRAD-SUM pareto + min confidence 0.9 |", "| GRAD-SUM pareto + 3 judge samples + min confidence 0.9 |");
        assertThat(calls(ran.printed(), "GRAD-SUM 3 judge samples")).as("each answer judged 3 times")
                .isGreaterThan(calls(ran.printed(), "GRAD-SUM"));
    }

    @Test
    void a_judge_error_outside_zero_to_one_is_refused() {
        Ran ran = suite("suite", "--world", "hard", "--judge-error", "1.5");
        assertThat(ran.code()).isEqualTo(2);
        assertThat(ran.err()).contains("--judge-error must be between 0 and 1, was 1.5");
    }

    @Test
    void the_task_file_suite_keeps_the_paper_comparison_as_its_columns() {
        assertThat(Optimizers.SUITE_DEFAULT).containsExactly(Optimizers.INITIAL, Optimizers.GRADSUM,
                Optimizers.GRADSUM_NO_SUMMARY, Optimizers.PROTEGI, Optimizers.GEPA);
        assertThat(Optimizers.KEYS).containsAll(Optimizers.SUITE_DEFAULT);
    }

    /** The calls column of the row labelled {@code label} in a printed seed table. */
    private static long calls(String table, String label) {
        String row = table.lines().filter(l -> l.startsWith("| " + label + " |")).findFirst().orElseThrow();
        return Long.parseLong(row.split("\\|")[5].strip().replace(",", ""));
    }
}
