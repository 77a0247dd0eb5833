package dev.gradsum.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, items 4 and 5: the README shows the test the example project runs (the region of its source
 * between {@code // readme-snippet:start} and {@code // readme-snippet:end}, verbatim), and dependency
 * lines with the version the build makes and the example depends on; the README's test command is the
 * one .ci/run runs.
 */
class GradSumReadmeSnippetTest {
    private static final Path ROOT = Path.of("..");
    private static final Path EXAMPLE = ROOT.resolve("examples/junit-gate");

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void the_readme_shows_the_example_projects_test_verbatim() throws IOException {
        String source = read(EXAMPLE.resolve("src/test/java/com/example/prompts/CapitalPromptTest.java"));
        Matcher region = Pattern.compile("// readme-snippet:start\n(.*?)// readme-snippet:end", Pattern.DOTALL).matcher(source);
        assertThat(region.find()).as("the marked region in the example's test").isTrue();
        String snippet = region.group(1);
        assertThat(snippet).contains("@GradSumTest(recording = ").contains(".scoresAtLeast(").contains(".isNotWorseThan(");
        assertThat(read(ROOT.resolve("README.md"))).contains("```java\n" + snippet + "```\n");
    }

    @Test
    void the_readmes_dependency_lines_name_the_version_built_and_the_one_the_example_uses() throws IOException {
        String parent = read(ROOT.resolve("pom.xml"));
        Matcher v = Pattern.compile("<artifactId>gradsum-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(parent);
        assertThat(v.find()).isTrue();
        String version = v.group(1);
        String readme = read(ROOT.resolve("README.md"));
        assertThat(readme).contains("<groupId>dev.gradsum</groupId>\n  <artifactId>gradsum-junit</artifactId>\n  <version>"
                + version + "</version>\n  <scope>test</scope>");
        assertThat(readme).contains("testImplementation(\"dev.gradsum:gradsum-junit:" + version + "\")");
        assertThat(read(EXAMPLE.resolve("pom.xml"))).contains("<gradsum.version>" + version + "</gradsum.version>");
    }

    @Test
    void the_readmes_test_command_is_the_one_ci_runs() throws IOException {
        String ci = read(ROOT.resolve(".ci/run"));
        String readme = read(ROOT.resolve("README.md"));
        for (String command : new String[] {"mvn -B -ntp install", "mvn -B -ntp -f examples/junit-gate/pom.xml test"}) {
            assertThat(ci).as(".ci/run").containsPattern("(?m)^" + Pattern.quote(command) + "$");
            assertThat(readme).as("README.md").contains(command);
        }
    }
}
