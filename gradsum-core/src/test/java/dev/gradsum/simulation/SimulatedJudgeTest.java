package dev.gradsum.simulation;

import static dev.gradsum.simulation.SimulatedModels.JUDGE;
import static dev.gradsum.simulation.SimulatedModels.TARGET;
import static dev.gradsum.simulation.SimulatedModels.ask;
import static dev.gradsum.simulation.SimulatedModels.fill;
import static dev.gradsum.simulation.SimulatedModels.judgeRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedJudgeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Order pens = new Order(3, "boxes of pens", new BigDecimal("4.50"), "Germany", true);

    private static JsonNode verdict(String reply) throws Exception {
        String json = reply.replaceAll("(?s)^```json\\s*|\\s*```$", "");
        return JSON.readTree(json);
    }

    @Test
    void the_expected_answer_scores_one() throws Exception {
        JsonNode v = verdict(ask(JUDGE, judgeRequest(pens, "21.07 EUR")));
        assertThat(v.get("score").asInt()).isEqualTo(1);
        assertThat(v.get("reasoning").asText()).contains("21.07 EUR");
    }

    @Test
    void a_wrong_total_scores_zero_and_the_reasoning_names_the_missed_rule() throws Exception {
        JsonNode noVat = verdict(ask(JUDGE, judgeRequest(pens, "18.50 EUR")));
        assertThat(noVat.get("score").asInt()).isZero();
        assertThat(noVat.get("reasoning").asText()).contains("missing 19% VAT");
        JsonNode explained = verdict(ask(JUDGE, judgeRequest(pens, "The customer pays 21.07 EUR.")));
        assertThat(explained.get("score").asInt()).isZero();
        assertThat(explained.get("reasoning").asText()).contains("extra text around the total");
        JsonNode unrounded = verdict(ask(JUDGE, judgeRequest(pens, "21.06 EUR")));
        assertThat(unrounded.get("reasoning").asText()).contains("not rounded");
    }

    @Test
    void the_score_agrees_with_the_expected_field_on_every_answer_of_the_target() throws Exception {
        for (Order order : Order.generate(3, 60)) {
            String output = ask(TARGET, fill(SimulatedWorld.INITIAL_PROMPT, order));
            boolean right = Diagnosis.normalised(output).equals(Diagnosis.normalised(order.answer()));
            assertThat(verdict(ask(JUDGE, judgeRequest(order, output))).get("score").asInt())
                    .as(order.text() + " → " + output).isEqualTo(right ? 1 : 0);
        }
    }

    @Test
    void a_one_to_ten_scale_gives_ten_or_one() throws Exception {
        String request = MetaRequest.render("evaluator", Map.of("task", "t", "criteria", "c", "input", pens.text(),
                "output", "21.07 EUR", "expected", "<expected>21.07 EUR</expected>", "scale", "an integer from 1 to 10"));
        assertThat(verdict(ask(JUDGE, request)).get("score").asInt()).isEqualTo(10);
    }

    @Test
    void some_verdicts_come_in_a_code_fence_and_each_request_always_gets_the_same_one() {
        List<String> replies = Order.generate(5, 60).stream().map(o -> ask(JUDGE, judgeRequest(o, "1.00 EUR"))).toList();
        assertThat(replies).anyMatch(r -> r.startsWith("```json")).anyMatch(r -> r.startsWith("{"));
        assertThat(ask(JUDGE, judgeRequest(pens, "1.00 EUR"))).isEqualTo(ask(JUDGE, judgeRequest(pens, "1.00 EUR")));
    }

    @Test
    void a_request_without_an_output_section_gets_no_json() {
        assertThat(ask(JUDGE, "Rate this please.")).doesNotContain("{");
    }
}
