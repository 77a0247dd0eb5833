package dev.gradsum.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.search.SearchOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/cli.md's "Bounds of the search" table states {@link SearchOptions}' limits (issue 10, item 9). */
class DocumentedSearchBoundsTest {
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`search\\.(\\w+)`\\s*\\|[^|]*\\|\\s*(\\d+) to (\\d+)\\s*\\|$");

    @Test
    void the_documented_bounds_are_the_librarys() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "cli.md"), StandardCharsets.UTF_8);
        String section = doc.substring(doc.indexOf("### Bounds of the search"));
        section = section.substring(0, section.indexOf("\n#", 1));
        Map<String, String> documented = new LinkedHashMap<>();
        for (String line : section.lines().toList()) {
            Matcher m = ROW.matcher(line.strip());
            if (m.matches()) {
                documented.put(m.group(1), m.group(2) + ".." + m.group(3));
            }
        }
        assertThat(documented).containsExactly(
                Map.entry("beam", "1.." + SearchOptions.MAX_BEAM_SIZE),
                Map.entry("iterations", "0.." + SearchOptions.MAX_ITERATIONS),
                Map.entry("candidates", "1.." + SearchOptions.MAX_CANDIDATES_PER_PROMPT),
                Map.entry("minibatch", "1.." + SearchOptions.MAX_MINIBATCH_SIZE));
    }

    @Test
    void the_documented_judge_samples_bound_is_the_librarys() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "cli.md"), StandardCharsets.UTF_8);

        assertThat(doc).contains("| `evaluation.judge_samples` | | 1 to " + SearchOptions.MAX_JUDGE_SAMPLES + " |");
    }
}
