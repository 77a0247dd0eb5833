package dev.gradsum.simulation;

import static dev.gradsum.simulation.SimulatedModels.EDITOR;
import static dev.gradsum.simulation.SimulatedModels.GRADIENT;
import static dev.gradsum.simulation.SimulatedModels.TASK;
import static dev.gradsum.simulation.SimulatedModels.ask;
import static dev.gradsum.simulation.SimulatedModels.editRequest;
import static dev.gradsum.simulation.SimulatedModels.gradientRequest;
import static dev.gradsum.simulation.SimulatedModels.rawEditRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedEditorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUMMARY = SimulatedSummarizer.LEAD + " " + Instruction.VAT.statement() + " "
            + Instruction.EXPRESS.statement() + " " + Instruction.BULK.statement();

    private static List<String> prompts(String reply) throws Exception {
        List<String> out = new ArrayList<>();
        JSON.readTree(reply).get("prompts").forEach(p -> out.add(p.asText()));
        return out;
    }

    @Test
    void candidates_from_a_summary_differ_keep_the_placeholder_and_the_first_adds_every_rule() throws Exception {
        List<String> candidates = prompts(ask(EDITOR, editRequest(SimulatedWorld.INITIAL_PROMPT, SUMMARY, 3)));
        assertThat(candidates).hasSize(3).doesNotHaveDuplicates().allMatch(c -> c.contains("Order: {order}"))
                .noneMatch(c -> c.equals(SimulatedWorld.INITIAL_PROMPT));
        assertThat(Instruction.recognisedIn(candidates.get(0)))
                .contains(Instruction.FORMAT, Instruction.VAT, Instruction.EXPRESS, Instruction.BULK);
        assertThat(Instruction.recognisedIn(candidates.get(2))).hasSize(2);
    }

    @Test
    void a_chinese_prompt_gets_chinese_instructions() throws Exception {
        String zh = "你是结算助手。只回复最终总金额。\n\n订单：{order}";
        for (String c : prompts(ask(EDITOR, editRequest(zh, SUMMARY, 3)))) {
            assertThat(c).contains("订单：{order}").doesNotContain("EU pay").containsPattern("增值税|加急|折扣");
        }
    }

    @Test
    void a_summary_naming_nothing_new_still_gives_distinct_candidates() throws Exception {
        List<String> candidates = prompts(ask(EDITOR, editRequest(SimulatedWorld.INITIAL_PROMPT, "All fine.", 3)));
        assertThat(candidates).hasSize(3).doesNotHaveDuplicates().allMatch(c -> c.contains("{order}"));
    }

    @Test
    void raw_gradient_candidates_act_on_one_gradient_each_and_copy_its_example_remark() throws Exception {
        List<String> gradients = List.of(
                gradient(new Order(3, "mugs", new BigDecimal("4.00"), "Spain", false), "12.00 EUR"),
                gradient(new Order(2, "lamps", new BigDecimal("5.00"), "Japan", true), "10.00 EUR"),
                gradient(new Order(12, "pens", new BigDecimal("5.00"), "USA", false), "60.00 EUR"));
        List<String> candidates = prompts(ask(EDITOR, rawEditRequest(SimulatedWorld.INITIAL_PROMPT, gradients, 3)));
        assertThat(candidates).hasSize(3).doesNotHaveDuplicates().allMatch(c -> c.contains("Order: {order}"))
                .allMatch(c -> c.contains("Note: For the order of") && c.contains("the answer is"));
        for (String c : candidates) {
            assertThat(Instruction.recognisedIn(c)).as(c).hasSize(2).contains(Instruction.FORMAT);
        }
    }

    private static String gradient(Order order, String output) {
        return ask(GRADIENT, gradientRequest(SimulatedWorld.INITIAL_PROMPT, order, output, "score 0"));
    }

    @Test
    void repair_restores_a_lost_placeholder_and_removes_an_invented_one() throws Exception {
        String request = MetaRequest.render("prompt_editor_repair", Map.of("task", TASK,
                "prompt", SimulatedWorld.INITIAL_PROMPT, "candidate", "Price the {item} exactly.",
                "problem", "it lost {order} and invented {item}", "placeholders", "{order}"));
        List<String> repaired = prompts(ask(EDITOR, request));
        assertThat(repaired).containsExactly("Price the item exactly.\n\nOrder: {order}");
    }

    @Test
    void the_same_request_gives_the_same_candidates_and_another_temperature_may_word_them_differently()
            throws Exception {
        String request = editRequest(SimulatedWorld.INITIAL_PROMPT, SUMMARY, 3);
        assertThat(ask(EDITOR, request)).isEqualTo(ask(EDITOR, request));
        List<String> wordings = new ArrayList<>();
        for (double t = 0; t <= 1.0; t += 0.25) {
            wordings.add(prompts(ask(EDITOR, request, t)).get(0));
        }
        assertThat(wordings.stream().distinct().count()).isGreaterThan(1);
    }
}
