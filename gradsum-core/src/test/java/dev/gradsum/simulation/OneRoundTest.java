package dev.gradsum.simulation;

import static dev.gradsum.simulation.SimulatedModels.EDITOR;
import static dev.gradsum.simulation.SimulatedModels.GRADIENT;
import static dev.gradsum.simulation.SimulatedModels.JUDGE;
import static dev.gradsum.simulation.SimulatedModels.SUMMARIZER;
import static dev.gradsum.simulation.SimulatedModels.TARGET;
import static dev.gradsum.simulation.SimulatedModels.accuracy;
import static dev.gradsum.simulation.SimulatedModels.ask;
import static dev.gradsum.simulation.SimulatedModels.editRequest;
import static dev.gradsum.simulation.SimulatedModels.fill;
import static dev.gradsum.simulation.SimulatedModels.gradientRequest;
import static dev.gradsum.simulation.SimulatedModels.judgeRequest;
import static dev.gradsum.simulation.SimulatedModels.rawEditRequest;
import static dev.gradsum.simulation.SimulatedModels.summaryRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One round of the paper's steps, driven by hand through the real meta-prompt files: generate on 30
 * train orders, judge, a gradient per failure, then either summary → edit or raw gradients → edit.
 * The whole loop (BeamSearch) is tested in {@code SimulatedWorldLoopTest}.
 */
class OneRoundTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Order> ORDERS = Order.generate(SimulatedWorld.DEFAULT_SEED, SimulatedWorld.ROWS);
    private static final List<Order> TRAIN = ORDERS.subList(0, 30);
    private static final List<Order> HELD_OUT = ORDERS.subList(30, 150);

    private static List<String> gradients(String prompt) {
        List<String> gradients = new ArrayList<>();
        for (Order order : TRAIN) {
            String output = ask(TARGET, fill(prompt, order));
            String verdict = ask(JUDGE, judgeRequest(order, output));
            if (verdict.contains("\"score\":0")) {
                gradients.add(ask(GRADIENT, gradientRequest(prompt, order, output, verdict)));
            }
        }
        return gradients;
    }

    private static List<String> prompts(String reply) throws Exception {
        List<String> out = new ArrayList<>();
        JSON.readTree(reply).get("prompts").forEach(p -> out.add(p.asText()));
        return out;
    }

    private static double best(List<String> candidates) {
        return candidates.stream().mapToDouble(c -> accuracy(c, HELD_OUT)).max().orElseThrow();
    }

    @Test
    void one_round_through_the_summary_gains_more_than_one_round_on_raw_gradients() throws Exception {
        String initial = SimulatedWorld.INITIAL_PROMPT;
        List<String> gradients = gradients(initial);
        assertThat(gradients).hasSizeGreaterThan(15);

        String summary = ask(SUMMARIZER, summaryRequest(initial, gradients));
        double viaSummary = best(prompts(ask(EDITOR, editRequest(initial, summary, 3))));
        double viaRaw = best(prompts(ask(EDITOR, rawEditRequest(initial, gradients, 3))));
        double before = accuracy(initial, HELD_OUT);
        System.out.printf("simulated world, one round: initial %.3f, raw gradients %.3f, summary %.3f%n",
                before, viaRaw, viaSummary);
        assertThat(viaRaw).isGreaterThan(before);
        assertThat(viaSummary).isGreaterThan(viaRaw + 0.1);
    }
}
