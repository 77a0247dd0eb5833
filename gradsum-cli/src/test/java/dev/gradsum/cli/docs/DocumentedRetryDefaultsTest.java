package dev.gradsum.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.model.RetryPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/cli.md's "Retries and timeouts" and the README's retries row state what {@link RetryPolicy#defaults} does. */
class DocumentedRetryDefaultsTest {
    private static final RetryPolicy DEFAULTS = RetryPolicy.defaults();

    @Test
    void the_cli_guide_gives_the_default_waits_attempts_and_retry_time() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "cli.md"), StandardCharsets.UTF_8);
        String section = doc.substring(doc.indexOf("## Retries and timeouts"));
        section = section.substring(0, section.indexOf("\n## ", 1));

        assertThat(firstWait(section, "\\*\\*throttling\\*\\*")).isEqualTo(DEFAULTS.initialBackoff());
        assertThat(firstWait(section, "\\*\\*a failure of the one request\\*\\*")).isEqualTo(DEFAULTS.transientBackoff());
        assertThat(section).contains("± " + Math.round(DEFAULTS.jitter() * 100) + " %")
                .contains("up to " + DEFAULTS.maxBackoff().toSeconds() + " s")
                .contains("after " + DEFAULTS.maxAttempts() + " attempts")
                .contains("more than " + DEFAULTS.maxRetryTime().toMinutes() + "\nminutes");
    }

    @Test
    void the_readme_row_gives_the_same_waits() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String row = readme.lines().filter(l -> l.startsWith("| retries |")).findFirst().orElseThrow();
        assertThat(row).contains(DEFAULTS.maxAttempts() + " attempts")
                .contains("from " + DEFAULTS.initialBackoff().toSeconds() + " s after throttling")
                .contains("from " + DEFAULTS.transientBackoff().toMillis() + " ms after a 500")
                .contains("up to " + DEFAULTS.maxBackoff().toSeconds() + " s");
    }

    /** The first wait the bullet starting with {@code bullet} gives: "from **100 ms**" or "from **1 s**". */
    private static Duration firstWait(String section, String bullet) {
        Matcher m = Pattern.compile("- " + bullet + "[^\\n]*(?:\\n  [^\\n]*)*?from\\s+\\*\\*(\\d+) (ms|s)\\*\\*").matcher(section);
        assertThat(m.find()).as("a first wait in the bullet %s", bullet).isTrue();
        long n = Long.parseLong(m.group(1));
        return m.group(2).equals("ms") ? Duration.ofMillis(n) : Duration.ofSeconds(n);
    }
}
