package dev.gradsum.engine;

import static dev.gradsum.engine.LoopFixture.INITIAL;
import static dev.gradsum.engine.LoopFixture.builder;
import static dev.gradsum.engine.LoopFixture.optimizer;
import static dev.gradsum.engine.LoopFixture.split;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.search.OptimizationResult;
import dev.gradsum.testing.ScriptedChatModel;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 1: in {@code optimize} rows flow through the stages instead of each stage waiting for the
 * whole previous one. Each test holds one call back until a call that depends only on other work has
 * started; with stage barriers that call could not start, the latch would run out (a safety net of
 * {@value #SAFETY_NET_SECONDS} s, never reached when rows flow) and the test fails.
 */
class RowsFlowTest {
    private static final int SAFETY_NET_SECONDS = 20;

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(SAFETY_NET_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void a_failure_gets_its_gradient_while_another_row_of_the_minibatch_is_still_being_answered() {
        CountDownLatch gradientOfAnotherRow = new CountDownLatch(1);
        AtomicBoolean startedWhileRowPending = new AtomicBoolean();
        ScriptedChatModel target = new ScriptedChatModel("target", call -> {
            if (call.text().contains("train-0")) {
                startedWhileRowPending.set(await(gradientOfAnotherRow));
            }
            return LoopFixture.answer(call.text());
        });
        ScriptedChatModel optimizer = new ScriptedChatModel("optimizer", call -> {
            String text = call.text();
            if (text.contains("<count>")) {
                return LoopFixture.prompts(List.of(INITIAL + "!"));
            }
            if (text.contains("<feedback>")) {
                return "Ask more firmly: add an exclamation mark.";
            }
            if (!text.contains("train-0")) {
                gradientOfAnotherRow.countDown();
            }
            return "The prompt is too calm; it should be more emphatic.";
        });
        OptimizationResult r = builder(target, optimizer, split(5, 5, 0)).iterations(1).build().optimize();

        assertThat(startedWhileRowPending).as("a gradient call began before row train-0 was answered").isTrue();
        assertThat(r.iterations()).hasSize(1);
        assertThat(r.iterations().get(0).gradients().get("c0")).hasSize(5);
    }

    @Test
    void a_child_is_validated_while_another_beam_prompt_is_still_being_edited_and_ids_follow_the_beam_order() {
        CountDownLatch laterChildValidated = new CountDownLatch(1);
        AtomicBoolean validatedWhileEditPending = new AtomicBoolean();
        ScriptedChatModel target = new ScriptedChatModel("target", call -> {
            if (call.text().contains("val-") && call.text().contains("?")) {
                laterChildValidated.countDown();
            }
            return LoopFixture.answer(call.text());
        });
        // iteration 1: c0 -> c1 "!" and c2 "!!", so the beam of iteration 2 is [c2, c1];
        // iteration 2: c1's edit writes "!?" at once, c2's edit waits until "!?" is being validated
        ScriptedChatModel optimizer = optimizer(parent -> {
            if (parent.equals(INITIAL)) {
                return List.of(INITIAL + "!", INITIAL + "!!");
            }
            if (parent.equals(INITIAL + "!!")) {
                validatedWhileEditPending.set(await(laterChildValidated));
                return List.of(INITIAL + "!!!");
            }
            return List.of(INITIAL + "!?");
        });

        OptimizationResult r = builder(target, optimizer, split(5, 5, 0))
                .beamSize(2).candidatesPerPrompt(2).iterations(2).patience(5).build().optimize();

        assertThat(validatedWhileEditPending).as("a child was validated before the other parent's edit ended").isTrue();
        assertThat(r.iterations()).hasSize(2);
        assertThat(r.iterations().get(0).beam()).containsExactly("c2", "c1");
        // c2's child was written last but is named first: ids follow the beam's order, not arrival
        assertThat(r.candidates()).extracting(c -> c.id() + " " + c.parentId() + " " + c.prompt().text())
                .containsExactly("c0 null " + INITIAL, "c1 c0 " + INITIAL + "!", "c2 c0 " + INITIAL + "!!",
                        "c3 c2 " + INITIAL + "!!!", "c4 c1 " + INITIAL + "!?");
        assertThat(r.iterations().get(1).beam()).containsExactly("c3", "c2");
    }

    @Test
    void with_the_minibatch_gate_a_child_answers_its_parents_minibatch_and_is_validated_while_another_beam_prompt_is_still_being_edited() {
        CountDownLatch laterChildValidated = new CountDownLatch(1);
        AtomicBoolean validatedWhileEditPending = new AtomicBoolean();
        AtomicBoolean gatedFirst = new AtomicBoolean();
        ScriptedChatModel target = new ScriptedChatModel("target", call -> {
            if (call.text().contains("train-") && call.text().contains("?")) {
                gatedFirst.set(true);
            }
            if (call.text().contains("val-") && call.text().contains("?") && gatedFirst.get()) {
                laterChildValidated.countDown();
            }
            return LoopFixture.answer(call.text());
        });
        // as above; "!?" is as good as its parent "!" on the parent's minibatch, so it passes the gate
        ScriptedChatModel optimizer = optimizer(parent -> {
            if (parent.equals(INITIAL)) {
                return List.of(INITIAL + "!", INITIAL + "!!");
            }
            if (parent.equals(INITIAL + "!!")) {
                validatedWhileEditPending.set(await(laterChildValidated));
                return List.of(INITIAL + "!!!");
            }
            return List.of(INITIAL + "!?");
        });

        OptimizationResult r = builder(target, optimizer, split(5, 5, 0)).minibatchGate(true)
                .beamSize(2).candidatesPerPrompt(2).iterations(2).patience(5).build().optimize();

        assertThat(validatedWhileEditPending)
                .as("a child passed the gate and was validated before the other parent's edit ended").isTrue();
        assertThat(r.iterations().get(1).dropped()).isEmpty();
        assertThat(r.candidates()).extracting(c -> c.id() + " " + c.parentId())
                .containsExactly("c0 null", "c1 c0", "c2 c0", "c3 c2", "c4 c1");
        assertThat(r.iterations().get(1).beam()).containsExactly("c3", "c2");
    }
}
