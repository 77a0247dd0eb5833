package dev.gradsum.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InstructionTest {
    @Test
    void every_wording_in_english_and_chinese_states_exactly_its_own_instruction() {
        for (Instruction i : Instruction.values()) {
            for (boolean zh : new boolean[] {false, true}) {
                for (int v = 0; v < i.phrasings(zh); v++) {
                    assertThat(Instruction.recognisedIn(i.phrasing(zh, v))).as(i.phrasing(zh, v)).containsExactly(i);
                }
            }
        }
    }

    @Test
    void the_initial_prompt_states_only_the_answer_format() {
        assertThat(Instruction.recognisedIn(SimulatedWorld.INITIAL_PROMPT)).containsExactly(Instruction.FORMAT);
    }

    @Test
    void example_remarks_and_the_summary_lead_state_no_instruction() {
        Order order = new Order(12, "express notebooks", new BigDecimal("5.00"), "Germany", true);
        assertThat(Instruction.recognisedIn(SimulatedGradientModel.remark(order, order.answer()))).isEmpty();
        assertThat(Instruction.recognisedIn(SimulatedSummarizer.LEAD)).isEmpty();
    }

    @Test
    void chinese_text_is_told_apart_from_english() {
        assertThat(Instruction.chinese("计算订单总价：{order}")).isTrue();
        assertThat(Instruction.chinese("Price the order: {order}")).isFalse();
        assertThat(Set.copyOf(Instruction.RULES)).doesNotContain(Instruction.DOUBLE_CHECK);
    }
}
