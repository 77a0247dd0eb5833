package dev.gradsum.engine;

import static dev.gradsum.engine.LoopFixture.INITIAL;
import static dev.gradsum.engine.LoopFixture.builder;
import static dev.gradsum.engine.LoopFixture.optimizer;
import static dev.gradsum.engine.LoopFixture.split;
import static dev.gradsum.engine.LoopFixture.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.data.Example;
import dev.gradsum.data.Split;
import dev.gradsum.model.Budget;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.search.Candidate;
import dev.gradsum.search.Iteration;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.search.StopReason;
import dev.gradsum.testing.ScriptedChatModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BeamSearchTest {
    @Test
    void the_beam_keeps_at_most_beam_size_prompts() {
        AtomicInteger serial = new AtomicInteger();
        ScriptedChatModel optimizer = optimizer(p -> List.of(p + "! #" + serial.incrementAndGet(),
                p + " #" + serial.incrementAndGet(), p + " #" + serial.incrementAndGet()));
        OptimizationResult r = builder(target(), optimizer, split(5, 5, 5))
                .beamSize(2).candidatesPerPrompt(3).iterations(3).build().optimize();

        assertThat(r.iterations()).hasSize(3);
        assertThat(r.iterations()).allSatisfy(it -> assertThat(it.beam()).hasSizeLessThanOrEqualTo(2));
        // iteration 2 starts from a beam of two, each with three children: 2 + 6 compete
        assertThat(r.iterations().get(1).scored()).hasSize(8);
    }

    @Test
    void children_compete_with_parents_on_the_same_validation_rows() {
        List<Set<String>> validationRowSets = new ArrayList<>();
        SearchListener rows = new SearchListener() {
            @Override
            public void evaluated(int iteration, Candidate candidate, String purpose, List<Evaluation> evaluations) {
                if (purpose.equals("validation")) {
                    validationRowSets.add(evaluations.stream().map(e -> e.generation().example().id())
                            .collect(Collectors.toSet()));
                }
            }
        };
        // every child is worse than its parent (it loses a '!'), so the parent keeps its place
        ScriptedChatModel optimizer = optimizer(p -> List.of(p.replaceFirst("!", ""), p.replaceFirst("!", "") + "?"));
        Split split = split(5, 5, 5);
        OptimizationResult r = builder(target(), optimizer, split).listener(rows)
                .task(LoopFixture.task("Answer {q}!!")).iterations(1).build().optimize();

        Set<String> validation = split.validation().stream().map(Example::id).collect(Collectors.toSet());
        assertThat(validationRowSets).hasSize(3).allSatisfy(set -> assertThat(set).isEqualTo(validation));
        assertThat(r.best().id()).isEqualTo("c0");
        assertThat(r.iterations().get(0).scored()).extracting(s -> s.candidate().id()).containsExactly("c0", "c1", "c2");
        assertThat(r.iterations().get(0).improved()).isFalse();
    }

    @Test
    void a_tie_goes_to_the_shorter_prompt_then_to_the_older_candidate() {
        ScriptedChatModel optimizer = optimizer(p -> List.of(p + "!  (be brief)", p + "!", "Reply: {q}!"));
        OptimizationResult r = builder(target(), optimizer, split(5, 5, 5))
                .beamSize(3).iterations(1).build().optimize();

        // c1, c2, c3 all score 0.2; c2 and c3 are equally short, c2 is older
        assertThat(r.iterations().get(0).beam()).containsExactly("c2", "c3", "c1");
        assertThat(r.best().prompt().text()).isEqualTo(INITIAL + "!");
    }

    @Test
    void a_prompt_still_in_the_beam_is_not_rated_again() {
        ScriptedChatModel target = target();
        // children never beat the initial prompt, so c0 stays in the beam for every iteration
        ScriptedChatModel optimizer = optimizer(p -> List.of(p + "?", p + " ?"));
        builder(target, optimizer, split(5, 5, 0)).task(LoopFixture.task("Answer {q}!"))
                .iterations(3).patience(3).build().optimize();

        long c0OnValidation = target.calls().stream()
                .filter(c -> c.text().matches("Answer val-\\d!")).count();
        assertThat(c0OnValidation).isEqualTo(5);
    }

    @Test
    void the_search_stops_after_patience_iterations_without_a_better_child() {
        ScriptedChatModel optimizer = optimizer(p -> List.of(p + "?"));
        OptimizationResult r = builder(target(), optimizer, split(5, 5, 5))
                .iterations(10).patience(2).build().optimize();

        assertThat(r.stopReason()).isEqualTo(StopReason.NO_IMPROVEMENT);
        assertThat(r.iterations()).hasSize(2);
        assertThat(r.best().id()).isEqualTo("c0");
    }

    @Test
    void a_budget_stop_keeps_the_best_prompt_so_far_and_says_budget() {
        // iteration 1: 5 answers + 5 gradients + 1 summary + 1 edit + 3 x 5 validation answers = 27 calls
        OptimizationResult r = builder(target(), optimizer(LoopFixture::betterAndSame), split(5, 5, 5))
                .budget(new Budget(null, 35L, null)).iterations(5).build().optimize();

        assertThat(r.stopReason()).isEqualTo(StopReason.BUDGET);
        assertThat(r.iterations()).hasSize(1);
        assertThat(r.best().prompt().text()).isEqualTo(INITIAL + "!");
        assertThat(r.total().calls()).isLessThanOrEqualTo(35);
    }

    @Test
    void a_budget_that_runs_out_in_the_final_test_leaves_the_test_out_and_says_budget() {
        // iteration 1 takes 27 calls; the final test would take 2 x 10 more
        OptimizationResult r = builder(target(), optimizer(LoopFixture::betterAndSame), split(5, 5, 10))
                .budget(new Budget(null, 40L, null)).iterations(1).build().optimize();

        assertThat(r.stopReason()).isEqualTo(StopReason.BUDGET);
        assertThat(r.iterations()).hasSize(1);
        assertThat(r.best().prompt().text()).isEqualTo(INITIAL + "!");
        assertThat(r.test()).isNull();
    }

    @Test
    void the_final_test_uses_only_rows_the_search_never_saw() {
        ScriptedChatModel target = target();
        List<Integer> callsBeforeTest = new ArrayList<>();
        SearchListener atTest = new SearchListener() {
            @Override
            public void stageStarted(int iteration, Stage stage, int plannedCalls) {
                if (stage == Stage.TEST) {
                    callsBeforeTest.add(target.callCount());
                }
            }
        };
        Split split = split(5, 5, 10);
        OptimizationResult r = builder(target, optimizer(LoopFixture::betterAndSame), split)
                .listener(atTest).iterations(2).build().optimize();

        List<ScriptedChatModel.Call> beforeTest = target.calls().subList(0, callsBeforeTest.get(0));
        assertThat(beforeTest).noneMatch(c -> c.text().contains("test-"));
        List<ScriptedChatModel.Call> atTestStage = target.calls().subList(callsBeforeTest.get(0), target.callCount());
        assertThat(atTestStage).hasSize(20).allMatch(c -> c.text().contains("test-"));
        assertThat(r.test().rows()).isEqualTo(10);
        assertThat(r.test().initial()).isEqualTo(0.0);
        assertThat(r.test().best()).isEqualTo(0.4);
    }

    @Test
    void the_final_test_rates_the_initial_prompt_once_when_it_stays_best() {
        ScriptedChatModel target = target();
        OptimizationResult r = builder(target, optimizer(p -> List.of(p + "?")), split(5, 5, 10))
                .task(LoopFixture.task("Answer {q}!")).iterations(1).build().optimize();

        assertThat(r.best().id()).isEqualTo("c0");
        assertThat(target.calls().stream().filter(c -> c.text().contains("test-"))).hasSize(10);
        assertThat(r.test().difference()).isZero();
        assertThat(r.test().low()).isZero();
        assertThat(r.test().high()).isZero();
    }

    @Test
    void a_beam_prompt_with_no_failures_gets_no_gradients_and_no_children() {
        ScriptedChatModel optimizer = optimizer(LoopFixture::betterAndSame);
        OptimizationResult r = builder(target(), optimizer, split(5, 5, 5))
                .task(LoopFixture.task("Answer {q}!!!!!")).iterations(2).patience(5).build().optimize();

        assertThat(optimizer.callCount()).isZero();
        assertThat(r.iterations()).allSatisfy(it -> {
            assertThat(it.gradients()).containsEntry("c0", List.of());
            assertThat(it.summaries()).isEmpty();
            assertThat(it.beam()).containsExactly("c0");
        });
        assertThat(r.candidates()).hasSize(1);
    }

    @Test
    void summarize_false_calls_no_summarizer_and_edits_from_the_raw_gradients() {
        ScriptedChatModel summarizer = ScriptedChatModel.answering("should never be asked");
        ScriptedChatModel optimizer = optimizer(LoopFixture::betterAndSame);
        OptimizationResult r = builder(target(), optimizer, split(5, 5, 5))
                .models(ModelRoles.builder().target(target()).optimizer(optimizer).summarizer(summarizer).build())
                .summarize(false).iterations(2).build().optimize();

        assertThat(summarizer.callCount()).isZero();
        assertThat(optimizer.calls()).anyMatch(c -> c.text().contains("<gradients>") && c.text().contains("<count>"));
        assertThat(r.iterations()).allSatisfy(it -> assertThat(it.summaries()).isEmpty());
        assertThat(r.candidates().get(1).feedback()).contains("The prompt is too calm");
        assertThat(r.best().prompt().text()).isEqualTo(INITIAL + "!!");
    }

    @Test
    void an_interrupt_stops_the_search_and_says_interrupted() {
        SearchListener interrupter = new SearchListener() {
            @Override
            public void stageStarted(int iteration, Stage stage, int plannedCalls) {
                if (iteration == 2 && stage == Stage.EDIT) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        OptimizationResult r = builder(target(), optimizer(LoopFixture::betterAndSame), split(5, 5, 5))
                .listener(interrupter).iterations(5).build().optimize();

        assertThat(r.stopReason()).isEqualTo(StopReason.INTERRUPTED);
        assertThat(r.iterations()).hasSize(1);
        assertThat(r.best().prompt().text()).isEqualTo(INITIAL + "!");
        assertThat(r.test()).isNull();
    }

    @Test
    void a_listener_hears_each_stage_in_order_then_the_iteration_then_the_test() {
        List<String> events = new ArrayList<>();
        SearchListener recorder = new SearchListener() {
            @Override
            public void stageStarted(int iteration, Stage stage, int plannedCalls) {
                events.add("stage " + iteration + " " + stage + " " + plannedCalls);
            }

            @Override
            public void candidateCreated(Candidate candidate) {
                events.add("created " + candidate.id());
            }

            @Override
            public void evaluated(int iteration, Candidate candidate, String purpose, List<Evaluation> evaluations) {
                events.add("evaluated " + iteration + " " + candidate.id() + " " + purpose + " " + evaluations.size());
            }

            @Override
            public void gradientsGenerated(int iteration, Candidate parent, List<dev.gradsum.modules.Gradient> gradients) {
                events.add("gradients " + iteration + " " + parent.id() + " " + gradients.size());
            }

            @Override
            public void summarized(int iteration, Candidate parent, String summary) {
                events.add("summarized " + iteration + " " + parent.id());
            }

            @Override
            public void iterationFinished(Iteration iteration) {
                events.add("iteration " + iteration.index() + " beam " + iteration.beam());
            }
        };
        builder(target(), optimizer(LoopFixture::betterAndSame), split(5, 5, 10))
                .listener(recorder).iterations(1).build().optimize();

        assertThat(events).containsExactly(
                "created c0",
                "stage 1 GENERATE 5", "evaluated 1 c0 train 5",
                "stage 1 GRADIENTS 5", "gradients 1 c0 5",
                "stage 1 SUMMARIZE 1", "summarized 1 c0",
                "stage 1 EDIT 1", "created c1", "created c2",
                "stage 1 VALIDATE 15",
                "evaluated 1 c0 validation 5", "evaluated 1 c1 validation 5", "evaluated 1 c2 validation 5",
                "iteration 1 beam [c1, c0, c2]",
                "stage 1 TEST 20", "evaluated 1 c0 test 10", "evaluated 1 c1 test 10");
    }

    @Test
    void all_candidates_of_an_iteration_are_rated_on_validation_at_the_same_time() {
        ConcurrentPrompts meeting = new ConcurrentPrompts(text -> text.contains("val-"), 3);
        ScriptedChatModel target = new ScriptedChatModel("target", meeting.around(LoopFixture::answer));
        builder(target, optimizer(LoopFixture::betterAndSame), split(5, 5, 0))
                .maxConcurrency(32).iterations(1).build().optimize();

        assertThat(meeting.met()).as("c0, c1 and c2 answered validation rows at the same time").isTrue();
    }

    @Test
    void the_beam_prompts_of_an_iteration_run_at_the_same_time() {
        ConcurrentPrompts meeting = new ConcurrentPrompts(
                text -> text.contains("train-") && (text.contains("!") || text.contains("?")), 2);
        ScriptedChatModel target = new ScriptedChatModel("target", meeting.around(LoopFixture::answer));
        // iteration 2 runs the beam [c1, c0, c2] on the training rows: c1 and c2 must meet there
        builder(target, optimizer(LoopFixture::betterAndSame), split(5, 5, 0))
                .maxConcurrency(32).iterations(2).build().optimize();

        assertThat(meeting.met()).as("two beam prompts answered training rows at the same time").isTrue();
    }

    @Test
    void test_rows_that_cannot_be_rated_are_left_out_of_the_means_and_counted() {
        ScriptedChatModel target = new ScriptedChatModel("target", call -> {
            if (call.text().contains("test-5")) {
                throw new IllegalStateException("model fell over");
            }
            return LoopFixture.answer(call.text());
        });
        OptimizationResult r = builder(target, optimizer(LoopFixture::betterAndSame), split(5, 5, 10))
                .iterations(1).build().optimize();

        // test-0..9 without test-5 (difficulty 0): quality 1 passes test-0 only
        assertThat(r.test().rows()).isEqualTo(9);
        assertThat(r.test().initialErrors()).isEqualTo(1);
        assertThat(r.test().bestErrors()).isEqualTo(1);
        assertThat(r.test().best()).isEqualTo(1.0 / 9);
    }
}
