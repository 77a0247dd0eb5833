package dev.gradsum.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.data.Split;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/cli.md's "Default split" table states what {@link Split.Sizes#defaults} does, row by row. */
class DocumentedDefaultSplitTest {
    private static final Pattern ROW = Pattern.compile("^\\|\\s*(\\d+)\\s*\\|\\s*(\\d+)\\s*\\|\\s*(\\d+)\\s*\\|\\s*(\\d+)\\s*\\|$");

    @Test
    void every_row_of_the_documented_table_is_what_the_code_cuts() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "cli.md"), StandardCharsets.UTF_8);
        String section = doc.substring(doc.indexOf("### Default split"));
        section = section.substring(0, section.indexOf("\n#", 1) < 0 ? section.length() : section.indexOf("\n#", 1));
        List<int[]> rows = new ArrayList<>();
        for (String line : section.lines().toList()) {
            Matcher m = ROW.matcher(line.strip());
            if (m.matches()) {
                rows.add(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))});
            }
        }
        assertThat(rows).as("rows of the table in docs/cli.md").hasSizeGreaterThanOrEqualTo(4);
        for (int[] r : rows) {
            assertThat(Split.Sizes.defaults(r[0])).as(r[0] + " rows").isEqualTo(new Split.Sizes(r[1], r[2], r[3]));
        }
    }
}
