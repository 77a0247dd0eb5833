package dev.gradsum.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.recording.RunDescription;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.OptimizationResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunOutputsTest {
    private final SyntheticRun run = new SyntheticRun();
    @TempDir Path dir;

    @Test
    void best_prompt_txt_holds_the_best_prompt_exactly_in_utf8() throws Exception {
        String chinese = "请一步一步地解题，最后一行写「答案：<数字>」。\n\n问题：{question}\n";
        Candidate best = new Candidate("c9", PromptTemplate.of(chinese), "c0", 1, "用中文");
        OptimizationResult r = run.result();
        OptimizationResult withChinese = new OptimizationResult(r.initial(), best, r.test(), r.iterations(),
                r.candidates(), r.stopReason(), r.usage(), r.total(), r.elapsed());

        RunOutputs.Written written = RunOutputs.write(dir.resolve("run"), run.info(null), withChinese);

        assertThat(Files.readAllBytes(written.bestPrompt())).isEqualTo(chinese.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void result_json_fields_come_in_the_documented_order() throws Exception {
        RunOutputs.write(dir, run.info(Path.of("examples/math-word-problems/task.yaml")), run.result(), run.tests());

        JsonNode json = new ObjectMapper().readTree(dir.resolve("result.json").toFile());
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("schema_version", "run_id", "task", "started", "elapsed_seconds",
                "stop_reason", "simulated", "config", "initial_prompt", "best_prompt", "iterations", "lineage",
                "feedback", "test", "usage");
        assertThat(json.get("schema_version").asInt()).isEqualTo(1);
        assertThat(json.at("/task/file").asText()).isEqualTo("examples/math-word-problems/task.yaml");
        assertThat(json.get("stop_reason").asText()).isEqualTo("no_improvement");
        assertThat(json.get("elapsed_seconds").asDouble()).isEqualTo(754.0);
    }

    @Test
    void result_json_records_beam_lineage_feedback_test_interval_and_usage() throws Exception {
        RunOutputs.write(dir, run.info(null), run.result(), run.tests());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("result.json").toFile());

        assertThat(json.at("/config/models/editor/model").asText()).isEqualTo("gpt-4o");
        assertThat(json.at("/config/search/iterations").asInt()).isEqualTo(3);
        assertThat(json.at("/config/budget/usd").asDouble()).isEqualTo(1.0);
        assertThat(json.at("/config/budget/calls").isNull()).isTrue();
        assertThat(json.at("/best_prompt/id").asText()).isEqualTo("c5");
        assertThat(json.at("/best_prompt/text").asText()).isEqualTo(SyntheticRun.BEST);
        assertThat(json.at("/best_prompt/validation_score").asDouble()).isEqualTo(0.75);

        JsonNode it2 = json.at("/iterations/1");
        assertThat(it2.get("best_validation_score").asDouble()).isEqualTo(0.75);
        assertThat(it2.get("train_scores").fieldNames()).toIterable().containsExactly("c0", "c1", "c2");
        assertThat(it2.get("validation")).hasSize(6);
        assertThat(it2.at("/beam").toString()).isEqualTo("[\"c5\",\"c2\",\"c4\"]");
        assertThat(json.at("/iterations/0/dropped/0").asText()).contains("lost {question}");

        assertThat(json.get("lineage")).hasSize(7);
        JsonNode c5 = json.at("/lineage/5");
        assertThat(c5.get("id").asText()).isEqualTo("c5");
        assertThat(c5.get("parent").asText()).isEqualTo("c2");
        assertThat(c5.get("feedback").asText()).startsWith("Answers mix units");
        assertThat(json.at("/lineage/0/parent").isNull()).isTrue();

        JsonNode feedback = json.get("feedback");
        assertThat(feedback.get(0).get("parent").asText()).isEqualTo("c0");
        assertThat(feedback.get(0).get("gradients")).hasSize(2);
        assertThat(feedback.get(0).get("children").toString()).isEqualTo("[\"c1\",\"c2\",\"c3\"]");
        assertThat(feedback.get(0).get("summary").asText()).contains(SyntheticRun.SCRIPT);

        assertThat(json.at("/test/rows").asInt()).isEqualTo(6);
        assertThat(json.at("/test/difference").asDouble()).isCloseTo(2 / 6.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(json.at("/test/ci95/low").asDouble()).isEqualTo(-0.1666);
        assertThat(json.at("/test/examples")).hasSize(6);
        assertThat(json.at("/test/examples/0/best/passed").asBoolean()).isTrue();

        assertThat(json.at("/usage/target/calls").asLong()).isEqualTo(420);
        assertThat(json.at("/usage/total/calls").asLong()).isEqualTo(439);
        assertThat(json.at("/usage/total/cached_calls").asLong()).isEqualTo(30);
        assertThat(json.at("/usage/total/requests").asLong()).isEqualTo(469);
        assertThat(json.at("/usage/total/cost_usd").asDouble()).isCloseTo(0.11145, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void report_counts_requests_in_the_words_of_the_command_line() throws Exception {
        RunOutputs.write(dir, run.info(null), run.result(), run.tests());
        String html = Files.readString(dir.resolve("report.html"));

        assertThat(html).contains("469 requests (439 paid, 30 from cache) · ")
                .contains("<th class=\"num\">requests</th><th class=\"num\">paid</th><th class=\"num\">from cache</th>");
    }

    @Test
    void report_shows_dataset_and_model_html_as_text_never_as_elements() throws Exception {
        RunOutputs.write(dir, run.info(null), run.result(), run.tests());
        String html = Files.readString(dir.resolve("report.html"));

        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&lt;img src=x onerror=alert(2)&gt;")
                .contains("&lt;/pre&gt;&lt;script&gt;alert(3)&lt;/script&gt;");
    }

    @Test
    void report_loads_nothing_from_the_network_and_forbids_scripts() throws Exception {
        RunOutputs.write(dir, run.info(null), run.result(), run.tests());
        String html = Files.readString(dir.resolve("report.html"));

        assertThat(html).doesNotContainPattern("<[^>]*\\s(src|href)=\"?[a-z]+:").doesNotContain("<link")
                .doesNotContain("@import").doesNotContain("url(");
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http://").doesNotContain("https://");
        assertThat(html).contains("Content-Security-Policy\" content=\"default-src 'none'");
    }

    @Test
    void report_without_test_rows_says_so_instead_of_showing_samples() throws Exception {
        RunOutputs.write(dir, run.info(null), run.result());
        String html = Files.readString(dir.resolve("report.html"));

        assertThat(html).contains("No per-row test results were recorded").doesNotContain("class=\"sample\"");
    }

    @Test
    void a_simulated_run_is_labelled_as_a_simulation() throws Exception {
        RunInfo real = run.info(null);
        RunInfo simulated = new RunInfo(real.runId(), real.taskName(), real.taskDescription(), null,
                java.util.Map.of(dev.gradsum.model.Role.TARGET, new RunDescription.Model("simulated", "world-v1")),
                real.search(), null, null, real.started());

        RunOutputs.write(dir, simulated, run.result());

        assertThat(Files.readString(dir.resolve("report.html"))).contains("SIMULATION");
        assertThat(new ObjectMapper().readTree(dir.resolve("result.json").toFile()).get("simulated").asBoolean()).isTrue();
    }

    private RunInfo withSearch(dev.gradsum.search.SearchOptions options) {
        RunInfo i = run.info(null);
        return new RunInfo(i.runId(), i.taskName(), i.taskDescription(), i.taskFile(), i.models(), options, i.budget(),
                i.settings(), i.started());
    }

    @Test
    void config_search_names_the_knobs_set_away_from_their_default_after_the_first_eight() throws Exception {
        dev.gradsum.search.SearchOptions options = dev.gradsum.search.SearchOptions.builder().iterations(3)
                .selection(dev.gradsum.search.SearchOptions.Selection.PARETO).minibatchGate(true)
                .validation(dev.gradsum.search.SearchOptions.Validation.HALVING).judgeSamples(3).minConfidence(0.9)
                .stopWhenLearned(false).build();

        RunOutputs.write(dir, withSearch(options), run.result(), run.tests());

        JsonNode search = new ObjectMapper().readTree(dir.resolve("result.json").toFile()).at("/config/search");
        List<String> fields = new ArrayList<>();
        search.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("beam", "iterations", "candidates", "minibatch", "patience", "summarize",
                "bootstrap_samples", "seed", "selection", "minibatch_gate", "validation", "judge_samples",
                "min_confidence", "stop_when_learned");
        assertThat(search.get("selection").asText()).isEqualTo("pareto");
        assertThat(search.get("minibatch_gate").isBoolean()).isTrue();
        assertThat(search.get("minibatch_gate").asBoolean()).isTrue();
        assertThat(search.get("validation").asText()).isEqualTo("halving");
        assertThat(search.get("judge_samples").isInt()).isTrue();
        assertThat(search.get("judge_samples").asInt()).isEqualTo(3);
        assertThat(search.get("min_confidence").asDouble()).isEqualTo(0.9);
        assertThat(search.get("stop_when_learned").asBoolean()).isFalse();
        assertThat(Files.readString(dir.resolve("report.html"))).contains(
                "<tr><th>selection</th><td><pre>pareto</pre></td></tr>",
                "<tr><th>minibatch gate</th><td><pre>true</pre></td></tr>",
                "<tr><th>validation</th><td><pre>halving</pre></td></tr>",
                "<tr><th>judge samples</th><td><pre>3</pre></td></tr>",
                "<tr><th>min confidence</th><td><pre>0.9</pre></td></tr>",
                "<tr><th>stop when learned</th><td><pre>false</pre></td></tr>");
    }

    @Test
    void config_search_of_a_run_at_the_defaults_has_the_first_eight_fields_only() throws Exception {
        RunOutputs.write(dir.resolve("pareto"), withSearch(dev.gradsum.search.SearchOptions.builder().iterations(3)
                .selection(dev.gradsum.search.SearchOptions.Selection.PARETO).build()), run.result(), run.tests());
        JsonNode pareto = new ObjectMapper().readTree(dir.resolve("pareto").resolve("result.json").toFile())
                .at("/config/search");
        assertThat(pareto.get("selection").asText()).isEqualTo("pareto");
        assertThat(pareto.has("validation")).as("one knob set names that knob only").isFalse();

        RunOutputs.write(dir, run.info(null), run.result(), run.tests());

        JsonNode search = new ObjectMapper().readTree(dir.resolve("result.json").toFile()).at("/config/search");
        List<String> fields = new ArrayList<>();
        search.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("beam", "iterations", "candidates", "minibatch", "patience", "summarize",
                "bootstrap_samples", "seed");
        assertThat(Files.readString(dir.resolve("report.html"))).doesNotContain("<th>selection</th>",
                "<th>stop when learned</th>");
    }

    @Test
    void an_unwritable_run_folder_is_one_configuration_error_naming_the_path() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");

        assertThatThrownBy(() -> RunOutputs.write(file.resolve("run"), run.info(null), run.result()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(file.resolve("run").toString())
                .hasMessageNotContaining("\n");
    }

    @Test
    void rewriting_a_run_folder_replaces_the_files_and_leaves_no_temporary_ones() throws Exception {
        RunOutputs.write(dir, run.info(null), run.result());
        RunOutputs.write(dir, run.info(null), run.result(), run.tests());

        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("best_prompt.txt", "result.json", "report.html");
        }
    }
}
