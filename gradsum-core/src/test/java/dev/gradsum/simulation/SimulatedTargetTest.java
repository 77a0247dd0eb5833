package dev.gradsum.simulation;

import static dev.gradsum.simulation.SimulatedModels.TARGET;
import static dev.gradsum.simulation.SimulatedModels.accuracy;
import static dev.gradsum.simulation.SimulatedModels.ask;
import static dev.gradsum.simulation.SimulatedModels.fill;
import static dev.gradsum.simulation.SimulatedModels.promptWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedTargetTest {
    private static final List<Order> ORDERS = Order.generate(SimulatedWorld.DEFAULT_SEED, SimulatedWorld.ROWS);
    private static final List<Instruction> HIDDEN =
            List.of(Instruction.VAT, Instruction.EXPRESS, Instruction.BULK, Instruction.ROUNDING);

    private static List<String> statements(List<Instruction> rules) {
        return rules.stream().map(Instruction::statement).toList();
    }

    @Test
    void the_initial_prompt_is_right_on_a_minority_of_orders() {
        assertThat(accuracy(SimulatedWorld.INITIAL_PROMPT, ORDERS)).isBetween(0.15, 0.45);
    }

    @Test
    void a_prompt_stating_every_rule_is_right_on_nearly_every_order_but_not_all() {
        double all = accuracy(promptWith(statements(HIDDEN)), ORDERS);
        assertThat(all).isBetween(0.88, 0.99);
        assertThat(all).isGreaterThan(accuracy(SimulatedWorld.INITIAL_PROMPT, ORDERS) + 0.4);
    }

    @Test
    void each_hidden_rule_stated_raises_accuracy() {
        List<Instruction> stated = new ArrayList<>();
        double before = accuracy(SimulatedWorld.INITIAL_PROMPT, ORDERS);
        for (Instruction rule : HIDDEN) {
            stated.add(rule);
            double after = accuracy(promptWith(statements(stated)), ORDERS);
            assertThat(after).as("after stating " + stated).isGreaterThan(before);
            before = after;
        }
    }

    @Test
    void a_chinese_prompt_stating_the_rules_in_chinese_scores_as_high_as_the_english_one() {
        String chinese = "你是网店的结算助手。" + String.join("", HIDDEN.stream().map(r -> r.phrasing(true, 0)).toList())
                + Instruction.FORMAT.phrasing(true, 0) + "\n\n订单：{order}\n\n金额：";
        double zh = accuracy(chinese, ORDERS);
        assertThat(zh).isGreaterThan(0.85);
        assertThat(accuracy("你是网店的结算助手。只回复最终总金额。\n\n订单：{order}", ORDERS)).isLessThan(zh - 0.4);
    }

    @Test
    void without_a_format_instruction_the_answer_is_wrapped_in_an_explanation() {
        Order order = ORDERS.get(0);
        String answer = ask(TARGET, "Price this order: " + order.text());
        assertThat(answer).startsWith("The order is").endsWith(" EUR.");
    }

    @Test
    void answers_of_single_examples_quoted_in_the_prompt_lower_accuracy() {
        List<String> lines = new ArrayList<>(statements(HIDDEN));
        for (Order o : ORDERS.subList(0, 8)) {
            lines.add("Note: " + SimulatedGradientModel.remark(o, o.answer()));
        }
        assertThat(accuracy(promptWith(lines), ORDERS)).isLessThan(accuracy(promptWith(statements(HIDDEN)), ORDERS));
    }

    @Test
    void the_same_request_always_gets_the_same_answer() {
        String request = fill(SimulatedWorld.INITIAL_PROMPT, ORDERS.get(3));
        assertThat(ask(TARGET, request)).isEqualTo(ask(TARGET, request));
        assertThat(ask(TARGET, "Hello")).contains("could not find an order");
    }

    @Test
    void reports_word_counts_as_token_usage_and_a_simulated_model_name() {
        var response = TARGET.chat(dev.langchain4j.model.chat.request.ChatRequest.builder()
                .messages(dev.langchain4j.data.message.UserMessage.from(fill("Reply with the amount only. {order}",
                        new Order(2, "mugs", new BigDecimal("3.00"), "USA", false))))
                .build());
        assertThat(response.aiMessage().text()).isEqualTo("6.00 EUR");
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(16);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(2);
        assertThat(TARGET.defaultRequestParameters().modelName()).isEqualTo("simulated-target");
        assertThat(TARGET.provider()).isEqualTo(dev.langchain4j.model.ModelProvider.OTHER);
    }
}
