package dev.gradsum.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a written report.html in real headless Chromium (Debian's {@code chromium}) and checks what
 * the browser built: the chart, the diff and the lineage are there, and no script element came out
 * of the dataset text. Also renders screenshots at desktop and phone width into
 * {@code target/report-in-chromium/} for a person to look at.
 *
 * <p>Chromium missing is a failure, so CI cannot pass without the check; set
 * {@code GRADSUM_SKIP_BROWSER=1} to skip it on a machine without a browser. {@code GRADSUM_CHROMIUM}
 * overrides the browser path (default {@code /usr/bin/chromium}).
 */
class ReportInChromiumTest {
    private static final Path OUT = Path.of("target", "report-in-chromium");
    private static Path chromium;
    private static Path report;

    @TempDir static Path profile;

    @BeforeAll
    static void writeReport() throws IOException {
        if ("1".equals(System.getenv("GRADSUM_SKIP_BROWSER"))) {
            Assumptions.abort("GRADSUM_SKIP_BROWSER=1: browser check skipped");
        }
        String configured = System.getenv("GRADSUM_CHROMIUM");
        chromium = Path.of(configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured);
        if (!Files.isExecutable(chromium)) {
            fail(chromium + " not found: install it (apt-get install -y chromium) or set GRADSUM_SKIP_BROWSER=1");
        }
        SyntheticRun run = new SyntheticRun();
        Files.createDirectories(OUT);
        report = RunOutputs.write(OUT.resolve("run"), run.info(Path.of("examples/math-word-problems/task.yaml")),
                run.result(), run.tests()).reportHtml().toAbsolutePath();
    }

    @Test
    void the_browser_builds_chart_diff_and_lineage_and_no_script_element() throws Exception {
        String dom = chromium(List.of("--dump-dom", report.toUri().toString()), 1280, 900);

        assertThat(dom).contains("<svg class=\"chart\" id=\"score-chart\"").contains("<polyline class=\"best-line\"");
        assertThat(count(dom, "<circle ")).isEqualTo(13);
        assertThat(dom).containsPattern("<pre class=\"prompt-before\">[\\s\\S]*<del>Answer</del>");
        assertThat(dom).containsPattern("<pre class=\"prompt-after\">[\\s\\S]*<ins>Solve</ins>");
        assertThat(dom).containsPattern("<ol class=\"path\"><li class=\"node\" data-id=\"c0\">[\\s\\S]*data-id=\"c2\"[\\s\\S]*"
                + "<li class=\"node best\" data-id=\"c5\">");
        assertThat(dom.toLowerCase(Locale.ROOT)).doesNotContain("<script").doesNotContain("<img");
        assertThat(dom).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("&lt;/pre&gt;&lt;script&gt;alert(3)");
        assertThat(count(dom, "<div class=\"sample\">")).isEqualTo(5);
    }

    @Test
    void the_page_renders_at_desktop_and_phone_width() throws Exception {
        for (int width : new int[] {1280, 390}) {
            Path png = OUT.resolve("report-" + width + ".png").toAbsolutePath();
            Files.deleteIfExists(png);
            chromium(List.of("--hide-scrollbars", "--screenshot=" + png, report.toUri().toString()), width, 2400);

            assertThat(png).exists();
            byte[] bytes = Files.readAllBytes(png);
            assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
            assertThat(bytes.length).as("a rendered page, not a blank one").isGreaterThan(40_000);
            assertThat(pngWidth(bytes)).isEqualTo(width);
        }
    }

    private static String chromium(List<String> args, int width, int height) throws Exception {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height));
        command.addAll(args);
        Path stdout = Files.createTempFile(profile, "stdout", ".html");
        Path stderr = Files.createTempFile(profile, "stderr", ".log");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish in 180 s: " + command);
        }
        assertThat(p.exitValue()).as("chromium exit code; stderr: %s", Files.readString(stderr)).isZero();
        return Files.readString(stdout);
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    /** The IHDR width: bytes 16..19, big-endian. */
    private static int pngWidth(byte[] png) {
        return ((png[16] & 0xff) << 24) | ((png[17] & 0xff) << 16) | ((png[18] & 0xff) << 8) | (png[19] & 0xff);
    }
}
