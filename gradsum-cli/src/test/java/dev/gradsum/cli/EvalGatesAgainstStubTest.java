package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Issue 14, item 1: {@code eval}'s quality gates ({@code --min-score}, {@code --baseline}) and its reports
 * ({@code --format json|junit|markdown}, {@code --output}), against the stub server. The stub's target rambles
 * for the task's prompt (every row fails) and names the city for a prompt asking for the city alone.
 */
class EvalGatesAgainstStubTest extends AgainstStub {
    static final Map<String, String> ENV = OptimizeAgainstStubTest.ENV;

    Path task;
    Path good;
    Path bad;

    @BeforeEach
    void start() throws IOException {
        String model = TaskFolder.openAi(stub.baseUrl(), "");
        task = folder.task(TaskFolder.yaml(model, model, ""));
        good = folder.write("good.txt", "Tell me about the capital of {country}. " + ModelServerStub.FIX + "\n");
        bad = folder.write("bad.txt", "Tell me about the capital of {country}.\n");
    }

    private CliRunner.Outcome eval(String... flags) {
        String[] args = new String[flags.length + 2];
        args[0] = "eval";
        args[1] = task.toString();
        System.arraycopy(flags, 0, args, 2, flags.length);
        return CliRunner.run(ENV, args);
    }

    @Test
    void a_score_below_min_score_is_exit_4_and_one_at_or_above_is_exit_0() {
        CliRunner.Outcome below = eval("--min-score", "0.5");
        assertThat(below.exitCode()).as(below.out() + below.err()).isEqualTo(ExitCode.GATE_FAILED).isEqualTo(4);
        // eval's progress line comes first on stderr (issue 11), the gate's one line last
        assertThat(below.errLines()).hasSize(2).first().asString().startsWith("gradsum: eval · ");
        assertThat(below.errLines()).last().isEqualTo("eval: score 0.000 is below --min-score 0.5");

        CliRunner.Outcome above = eval("--prompt", good.toString(), "--min-score", "1");
        assertThat(above.exitCode()).as(above.out() + above.err()).isZero();
        assertThat(above.errLines()).as("only the progress line").singleElement().asString().startsWith("gradsum: eval · ");
    }

    @Test
    void a_prompt_worse_than_its_baseline_is_exit_4_and_a_better_one_prints_the_paired_difference() {
        CliRunner.Outcome worse = eval("--prompt", bad.toString(), "--baseline", good.toString());
        assertThat(worse.exitCode()).as(worse.out() + worse.err()).isEqualTo(4);
        assertThat(worse.out()).contains("Against " + good + " (1.000): -1.000 [-1.000, -1.000] at 95% over 4 rows;"
                + " WORSE beyond the margin 0.");
        assertThat(worse.errLines()).hasSize(2).last().asString().startsWith("eval: the prompt is worse than the baseline");
        // both prompts' calls: 4 rows, target and judge, twice (the baseline's run counts from zero on its own)
        assertThat(worse.errLines()).first().asString().startsWith("gradsum: eval · calls 16/16 · ");

        CliRunner.Outcome better = eval("--prompt", good.toString(), "--baseline", bad.toString());
        assertThat(better.exitCode()).as(better.out() + better.err()).isZero();
        assertThat(better.out()).contains("Against " + bad + " (0.000): +1.000 [+1.000, +1.000] at 95% over 4 rows;"
                + " not worse beyond the margin 0.");

        CliRunner.Outcome same = eval("--prompt", bad.toString(), "--baseline", bad.toString(), "--margin", "0.1",
                "--confidence", "0.9");
        assertThat(same.exitCode()).as(same.out() + same.err()).isZero();
        assertThat(same.out()).contains("+0.000 [+0.000, +0.000] at 90% over 4 rows; not worse beyond the margin 0.1.");
    }

    @Test
    void junit_xml_has_one_testcase_per_row_with_the_judges_reason_on_each_failure() throws Exception {
        Path xml = dir.resolve("reports/eval.xml");
        CliRunner.Outcome r = eval("--format", "junit", "--output", xml.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(xml.toFile());
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("4");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        NodeList cases = doc.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(4);
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            assertThat(c.getAttribute("classname")).isEqualTo("gradsum.test");
            assertThat(c.getAttribute("name")).isNotBlank();
            Element failure = (Element) c.getElementsByTagName("failure").item(0);
            assertThat(failure.getAttribute("message")).isEqualTo("score 0.000");
            assertThat(failure.getTextContent()).contains("does not name the city").contains("answer: Well, ");
        }

        CliRunner.Outcome passing = eval("--prompt", good.toString(), "--format", "junit");
        Document ok = factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(
                passing.out().substring(passing.out().indexOf("<?xml")).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(((Element) ok.getElementsByTagName("testsuite").item(0)).getAttribute("failures")).isEqualTo("0");
        assertThat(ok.getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void a_row_that_could_not_be_rated_is_a_junit_error() throws Exception {
        stub.judgeReplies(input -> input.contains("Kenya") || input.contains("France") || input.contains("Japan")
                || input.contains("Peru") || input.contains("Canada") || input.contains("Egypt") ? "no verdict here" : null);
        Path xml = dir.resolve("eval.xml");
        CliRunner.Outcome r = eval("--format", "junit", "--output", xml.toString());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        int errors = doc.getElementsByTagName("error").getLength();
        assertThat(errors).as(r.out() + r.err() + Files.readString(xml)).isPositive();
        assertThat(((Element) doc.getElementsByTagName("testsuite").item(0)).getAttribute("errors"))
                .isEqualTo(String.valueOf(errors));
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void markdown_and_json_summaries_carry_score_failed_rows_and_the_baseline() throws Exception {
        CliRunner.Outcome md = eval("--prompt", bad.toString(), "--baseline", good.toString(), "--format", "markdown");
        assertThat(md.out()).contains("## gradsum eval: 0.000 on the test split")
                .contains("4 rows, 0 passed, 4 failed, 0 not rated")
                .contains("| row | status | reason |")
                .contains("| failed | does not name the city |")
                .contains("Against " + good + " (1.000): -1.000");

        Path out = dir.resolve("eval.json");
        CliRunner.Outcome json = eval("--prompt", good.toString(), "--baseline", bad.toString(), "--format", "json",
                "--output", out.toString());
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(out.toFile());
        assertThat(root.get("score").asDouble()).isEqualTo(1.0);
        assertThat(root.get("rows").asInt()).isEqualTo(4);
        assertThat(root.get("results")).hasSize(4);
        assertThat(root.get("results").get(0).get("status").asText()).isEqualTo("passed");
        assertThat(root.get("baseline").get("difference").asDouble()).isEqualTo(1.0);
        assertThat(root.get("baseline").get("worse").asBoolean()).isFalse();
    }

    @Test
    void gate_flags_out_of_range_are_usage_mistakes() {
        assertThat(eval("--min-score", "2").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(eval("--confidence", "1").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(eval("--output", dir.resolve("x").toString()).exitCode()).isEqualTo(ExitCode.USAGE);
    }
}
