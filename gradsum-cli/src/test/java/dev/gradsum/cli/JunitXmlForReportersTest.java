package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Issue 14, item 7: {@code eval --format junit} read by the JDK's XML parser, checked against the elements
 * and attributes CI reporters read: GitLab's unit test reports parse {@code testsuites/@time},
 * {@code testsuite/@name}, {@code @time}, {@code testcase/@classname}, {@code @name}, {@code @time} and the
 * content of {@code failure} and {@code error}, and keep only the first of two test cases with the same
 * name (https://docs.gitlab.com/ci/testing/unit_test_reports/, "JUnit XML format specification"); Jenkins'
 * JUnit format requires {@code testsuite/@name} and {@code @tests} and reads {@code failures}, {@code errors}
 * and {@code time} in seconds, and {@code message} and {@code type} on a failure. The stub's judge passes
 * two of the four rows here and returns no verdict for a third.
 */
class JunitXmlForReportersTest extends AgainstStub {
    static final Map<String, String> ENV = OptimizeAgainstStubTest.ENV;

    Path task;

    @BeforeEach
    void start() throws IOException {
        String model = TaskFolder.openAi(stub.baseUrl(), "");
        task = folder.task(TaskFolder.yaml(model, model, ""));
    }

    @Test
    void the_report_has_every_attribute_reporters_read_with_counts_that_match_its_test_cases() throws Exception {
        Path good = folder.write("good.txt", "Tell me about the capital of {country}. " + ModelServerStub.FIX + "\n");
        // row verdicts by country: two pass (the stub's normal judge), one fails, one is never rated
        stub.judgeReplies(input -> input.contains("Norway") || input.contains("Chile") || input.contains("India")
                || input.contains("Ghana") || input.contains("Spain") || input.contains("Italy")
                ? null : input.contains("France") || input.contains("Japan") || input.contains("Kenya")
                ? "{\"reasoning\": \"the answer <names> the wrong city & more\", \"score\": 0}" : "no verdict");
        Path xml = dir.resolve("eval.xml");
        CliRunner.Outcome r = CliRunner.run(ENV, "eval", task.toString(), "--prompt", good.toString(), "--format", "junit",
                "--output", xml.toString());

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(xml.toFile());

        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(seconds(root.getAttribute("time"))).isGreaterThanOrEqualTo(0);
        NodeList suites = root.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(1);
        Element suite = (Element) suites.item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("gradsum eval test");
        assertThat(seconds(suite.getAttribute("time"))).isEqualTo(seconds(root.getAttribute("time")));

        NodeList cases = suite.getElementsByTagName("testcase");
        int failures = 0;
        int errors = 0;
        Set<String> names = new HashSet<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            assertThat(c.getAttribute("classname")).isEqualTo("gradsum.test");
            assertThat(c.getAttribute("name")).isNotBlank();
            assertThat(names.add(c.getAttribute("name"))).as("test case names are unique").isTrue();
            assertThat(seconds(c.getAttribute("time"))).isGreaterThanOrEqualTo(0);
            NodeList failure = c.getElementsByTagName("failure");
            NodeList error = c.getElementsByTagName("error");
            if (failure.getLength() == 1) {
                failures++;
                Element f = (Element) failure.item(0);
                assertThat(f.getAttribute("message")).isEqualTo("score 0.000");
                assertThat(f.getAttribute("type")).isEqualTo("failed");
                assertThat(f.getTextContent()).startsWith("the answer <names> the wrong city & more\n\nanswer: ");
            }
            if (error.getLength() == 1) {
                errors++;
                Element e = (Element) error.item(0);
                assertThat(e.getAttribute("message")).isEqualTo("could not be rated");
                assertThat(e.getAttribute("type")).isEqualTo("error");
                assertThat(e.getTextContent()).isNotBlank();
            }
        }
        assertThat(cases.getLength()).isEqualTo(4);
        assertThat(failures).as(r.out() + r.err()).isPositive();
        assertThat(errors).isPositive();
        assertThat(suite.getAttribute("tests")).isEqualTo(root.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo(root.getAttribute("failures")).isEqualTo(String.valueOf(failures));
        assertThat(suite.getAttribute("errors")).isEqualTo(root.getAttribute("errors")).isEqualTo(String.valueOf(errors));
        assertThat(suite.getAttribute("skipped")).isEqualTo("0");
        assertThat(r.exitCode()).as("rows not rated: exit 1, the report still written").isEqualTo(ExitCode.RUN_FAILED);
    }

    private static double seconds(String value) {
        assertThat(value).as("a time in seconds").matches("\\d+(\\.\\d+)?");
        return Double.parseDouble(value);
    }
}
