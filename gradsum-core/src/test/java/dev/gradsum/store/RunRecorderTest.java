package dev.gradsum.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.engine.Stage;
import dev.gradsum.metric.Score;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.modules.Generation;
import dev.gradsum.modules.Gradient;
import dev.gradsum.recording.RecordedRun;
import dev.gradsum.recording.RunDescription;
import dev.gradsum.recording.RunRecording;
import dev.gradsum.recording.SearchSettings;
import dev.gradsum.search.SearchOptions;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.Iteration;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.ScoredCandidate;
import dev.gradsum.search.StopReason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecorderTest {
    private static final Candidate C0 = new Candidate("c0", PromptTemplate.of("Answer {q}"), null, 0, null);
    private static final Candidate C1 = new Candidate("c1", PromptTemplate.of("Answer {q} step by step"), "c0", 1,
            "State the steps.");
    private static final Example ROW = new Example("row-1", Map.of("q", "2+2"));

    @TempDir
    Path dir;

    private static Evaluation evaluation(String output, Score score) {
        return new Evaluation(new Generation(ROW, "Answer 2+2", output, null), score);
    }

    @Test
    void everything_the_search_learns_is_stored_as_it_happens() throws Exception {
        Path db = dir.resolve("s.db");
        try (SqliteStore store = SqliteStore.open(db)) {
            RunRecording rec = store.start("r1", "math", "{}");
            rec.candidateCreated(C0);
            rec.stageStarted(1, Stage.EVALUATE, 4);
            rec.evaluated(1, C0, "train", List.of(evaluation("5", Score.fail("expected 4, got 5"))));
            rec.gradientsGenerated(1, C0, List.of(new Gradient("row-1", "Ask for arithmetic care.")));
            rec.summarized(1, C0, "State the steps.");
            rec.candidateCreated(C1);
            rec.candidateDropped(1, C0, "lost placeholder {q}");
            rec.evaluated(1, C1, "validation", List.of(evaluation("4", Score.pass("right"))));
            rec.iterationFinished(new Iteration(1, Map.of("c0", 0.0), Map.of(), Map.of("c0", "State the steps."),
                    List.of(new ScoredCandidate(C1, 1.0, 1, 0), new ScoredCandidate(C0, 0.0, 1, 0)),
                    List.of("c1", "c0"), List.of("lost placeholder {q}"), true));

            RunDetails details = store.run("r1").orElseThrow();
            assertThat(details.stage()).isEqualTo("iteration 1: EVALUATE");
            assertThat(details.candidates()).isEqualTo(2);
            assertThat(details.dropped()).isEqualTo(1);
            assertThat(details.bestId()).isEqualTo("c1");
            assertThat(details.bestPrompt()).isEqualTo("Answer {q} step by step");
            assertThat(details.summary().bestScore()).isEqualTo(1.0);
            assertThat(details.iterations()).containsExactly(
                    new RunDetails.IterationLine(1, "c1", 1.0, true, List.of("c1", "c0")));
        }
        assertThat(MigrationsTest.query(db, "SELECT parent_id || ' | ' || feedback FROM candidates WHERE id = 'c1'"))
                .isEqualTo("c0 | State the steps.");
        assertThat(MigrationsTest.query(db, "SELECT group_concat(candidate_id || ':' || purpose || ':' || output"
                + " || ':' || score || ':' || reason, ' / ') FROM evaluations"))
                .isEqualTo("c0:train:5:0.0:expected 4, got 5 / c1:validation:4:1.0:right");
        assertThat(MigrationsTest.query(db, "SELECT example_id || ': ' || text FROM gradients"))
                .isEqualTo("row-1: Ask for arithmetic care.");
        assertThat(MigrationsTest.query(db, "SELECT text FROM summaries")).isEqualTo("State the steps.");
    }

    @Test
    void a_finished_search_stores_status_stop_reason_best_score_usage_and_result() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"))) {
            RunRecording rec = store.start("r1", "math", "{}");
            Iteration it = new Iteration(1, Map.of(), Map.of(), Map.of(),
                    List.of(new ScoredCandidate(C1, 0.75, 4, 0), new ScoredCandidate(C0, 0.5, 4, 0)),
                    List.of("c1", "c0"), List.of(), true);
            Usage target = new Usage(10, 2, 1, 0, 100, 50, 0.5);
            OptimizationResult result = new OptimizationResult(C0, C1, null, List.of(it), List.of(C0, C1),
                    StopReason.BUDGET, Map.of(Role.TARGET, target), target, Duration.ofSeconds(3));

            rec.finished(result);

            RunDetails details = store.run("r1").orElseThrow();
            assertThat(details.summary()).extracting(RunSummary::status, RunSummary::bestScore, RunSummary::costUsd)
                    .containsExactly(RunStatus.FINISHED, 0.75, 0.5);
            assertThat(details.stopReason()).isEqualTo("BUDGET");
            assertThat(details.usage()).isEqualTo(target);
            assertThat(details.hasResult()).isTrue();
        }
    }

    @Test
    void a_finished_run_reads_back_from_the_tables_as_it_was_recorded() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"))) {
            RunRecording rec = store.start("r1", "math", "{}", java.time.Instant.parse("2026-11-25T03:15:00.123Z"));
            RunDescription description = new RunDescription("Add numbers.", "/tasks/math.yaml", "/runs/r1",
                    Map.of(Role.TARGET, new RunDescription.Model("openai", "gpt-4o-mini"),
                            Role.EDITOR, new RunDescription.Model("anthropic", "claude")),
                    new SearchSettings(2, 3, 2, 4, 2, true, 1000, 7L, SearchOptions.Selection.BEAM, false,
                            SearchOptions.Validation.FULL, 1, 0, true), new dev.gradsum.model.Budget(1.5, null, 900L),
                    new java.util.LinkedHashMap<>(Map.of("split", "train 4")));
            rec.describe(description);
            rec.candidateCreated(C0);
            rec.candidateCreated(C1);
            Map<String, String> fields = new java.util.LinkedHashMap<>();
            fields.put("q", "2+2");
            fields.put("answer", "4");
            Example row = new Example("row-1", fields);
            rec.gradientsGenerated(1, C0, List.of(new Gradient("row-1", "Ask for arithmetic care.")));
            rec.summarized(1, C0, "State the steps.");
            rec.candidateDropped(1, C0, "lost {q}");
            Iteration it = new Iteration(1, Map.of("c0", 0.25), Map.of("c0", List.of(new Gradient("row-1", "Ask for arithmetic care."))),
                    Map.of("c0", "State the steps."),
                    List.of(new ScoredCandidate(C1, 0.75, 4, 0), new ScoredCandidate(C0, Double.NaN, 0, 4)),
                    List.of("c1", "c0"), List.of("c0: lost {q}"), true);
            rec.iterationFinished(it);
            Evaluation wrong = new Evaluation(new Generation(row, "2+2", "5", null), Score.fail("expected 4"));
            Evaluation right = new Evaluation(new Generation(row, "2+2", "4", "Two and two make four.", null, null),
                    Score.pass("right")); // the target's reasoning is kept with the row
            rec.evaluated(1, C0, "test", List.of(wrong));
            rec.evaluated(1, C1, "test", List.of(right));
            Usage target = new Usage(10, 2, 1, 0, 100, 50, 0.5);
            dev.gradsum.search.TestScore test = new dev.gradsum.search.TestScore(1, 0.0, 1.0, 0.5, Double.NaN, 0, 1);
            OptimizationResult result = new OptimizationResult(C0, C1, test, List.of(it), List.of(C0, C1),
                    StopReason.COMPLETED, Map.of(Role.TARGET, target), target, Duration.ofMillis(3250));

            rec.finished(result);

            RecordedRun read = store.recorded("r1").orElseThrow();
            assertThat(read.runId()).isEqualTo("r1");
            assertThat(read.task()).isEqualTo("math");
            assertThat(read.started()).isEqualTo(java.time.Instant.parse("2026-11-25T03:15:00.123Z"));
            assertThat(read.description()).isEqualTo(description);
            assertThat(read.description().settings()).containsExactly(Map.entry("split", "train 4"));
            assertThat(read.result()).isEqualTo(result);
            assertThat(read.tests()).isEqualTo(new RecordedRun.TestRows(List.of(wrong), List.of(right)));
            assertThat(read.tests().initial().get(0).generation().example().fields())
                    .containsExactly(Map.entry("q", "2+2"), Map.entry("answer", "4"));
        }
    }

    /** The search settings run {@code r1} reads back when recorded with this configuration and description. */
    private SearchSettings searchReadBack(String configJson, SearchSettings described) {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"))) {
            RunRecording rec = store.start("r1", "math", configJson);
            rec.describe(new RunDescription("Add numbers.", null, null, Map.of(), described,
                    dev.gradsum.model.Budget.unlimited(), Map.of()));
            rec.candidateCreated(C0);
            rec.finished(new OptimizationResult(C0, C0, null, List.of(), List.of(C0), StopReason.COMPLETED, Map.of(),
                    Usage.ZERO, Duration.ZERO));
            return store.recorded("r1").orElseThrow().description().search();
        }
    }

    @Test
    void the_search_knobs_added_later_read_back_from_the_run_configuration() {
        SearchOptions knobs = SearchOptions.builder().beamSize(2).seed(7).selection(SearchOptions.Selection.PARETO)
                .minibatchGate(true).validation(SearchOptions.Validation.HALVING).judgeSamples(3).minConfidence(0.9)
                .stopWhenLearned(false).build();
        String config = "{\"options\":{\"beamSize\":2,\"iterations\":10,\"candidatesPerPrompt\":3,"
                + "\"minibatchSize\":30,\"patience\":3,\"summarize\":true,\"bootstrapSamples\":2000,\"seed\":7,"
                + "\"selection\":\"PARETO\",\"minibatchGate\":true,\"validation\":\"HALVING\",\"judgeSamples\":3,"
                + "\"minConfidence\":0.9,\"stopWhenLearned\":false}}";

        assertThat(searchReadBack(config, SearchSettings.of(knobs))).isEqualTo(SearchSettings.of(knobs));
    }

    @Test
    void a_configuration_without_the_knobs_added_later_reads_them_as_their_defaults() {
        SearchOptions d = SearchOptions.defaults();
        String before = "{\"options\":{\"beamSize\":3,\"iterations\":10,\"candidatesPerPrompt\":3,"
                + "\"minibatchSize\":30,\"patience\":3,\"summarize\":true,\"bootstrapSamples\":2000,\"seed\":0}}";
        // the columns hold what was described; the knobs added later only what the configuration names
        SearchSettings described = new SearchSettings(3, 10, 3, 30, 3, true, 2000, 0, SearchOptions.Selection.PARETO,
                true, SearchOptions.Validation.HALVING, 5, 0.75, false);

        assertThat(searchReadBack(before, described)).isEqualTo(SearchSettings.of(d));
    }

    @Test
    void a_knob_value_this_gradsum_cannot_read_is_its_default_and_the_others_still_read() {
        String config = "{\"options\":{\"selection\":\"SOMETHING_NEWER\",\"judgeSamples\":4,"
                + "\"validation\":null,\"minibatchGate\":true}}";

        SearchSettings back = searchReadBack(config, SearchSettings.of(SearchOptions.defaults()));

        assertThat(back.selection()).isEqualTo(SearchOptions.Selection.BEAM);
        assertThat(back.validation()).isEqualTo(SearchOptions.Validation.FULL);
        assertThat(back.judgeSamples()).isEqualTo(4);
        assertThat(back.minibatchGate()).isTrue();
        assertThat(back.stopWhenLearned()).isTrue();
    }

    @Test
    void a_run_whose_search_never_returned_has_no_recorded_result() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"))) {
            RunRecording rec = store.start("r1", "math", "{}");
            rec.candidateCreated(C0);
            rec.failed(new IllegalStateException("refused"));

            assertThat(store.recorded("r1")).isEmpty();
            assertThat(store.recorded("nope")).isEmpty();
            assertThat(store.run("r1").orElseThrow().hasResult()).isFalse();
        }
    }

    @Test
    void an_interrupted_search_leaves_its_run_stopped_and_resumable() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"))) {
            RunRecording rec = store.start("r1", "math", "{}");
            OptimizationResult result = new OptimizationResult(C0, C0, null, List.of(), List.of(C0),
                    StopReason.INTERRUPTED, Map.of(), Usage.ZERO, Duration.ZERO);

            rec.finished(result);

            assertThat(store.listRuns()).extracting(RunSummary::status).containsExactly(RunStatus.STOPPED);
            assertThat(store.unfinished("{}")).hasSize(1);
        }
    }
}
