package dev.gradsum.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code gradsum-bench plan} over bench/tasks: every task estimated, MT-Bench's second turn named as not. */
class PlanCommandTest {
    @Test
    void the_second_turn_task_is_named_as_not_estimated_and_the_others_are_estimated() {
        Path data = null;
        for (Path dir = Path.of("").toAbsolutePath(); dir != null && data == null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("shared/datasets/mt_bench"))) {
                data = dir.resolve("shared/datasets");
            }
        }
        assumeThat(data).as("shared datasets folder").isNotNull();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream before = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = new CommandLine(new PlanCommand()).execute(Path.of("..", "bench", "tasks").toString(),
                    "--data-dir", data.toString());
        } finally {
            System.setOut(before);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed).isZero();
        assertThat(printed).contains("| mt_bench |").contains("| gsm8k |")
                .contains("not estimated: mt_bench_turn2 (its first turns are answered by the target");
    }
}
