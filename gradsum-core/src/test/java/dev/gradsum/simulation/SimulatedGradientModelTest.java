package dev.gradsum.simulation;

import static dev.gradsum.simulation.SimulatedModels.GRADIENT;
import static dev.gradsum.simulation.SimulatedModels.ask;
import static dev.gradsum.simulation.SimulatedModels.gradientRequest;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SimulatedGradientModelTest {
    private final Order pens = new Order(3, "boxes of pens", new BigDecimal("4.50"), "Germany", true);

    @Test
    void feedback_names_each_missed_rule_as_a_general_instruction_and_adds_a_remark_about_the_example() {
        String feedback = ask(GRADIENT, gradientRequest(SimulatedWorld.INITIAL_PROMPT, pens, "13.50 EUR",
                "score 0: does not match"));
        assertThat(feedback)
                .contains("\"" + Instruction.VAT.statement() + "\"")
                .contains("\"" + Instruction.EXPRESS.statement() + "\"")
                .doesNotContain(Instruction.BULK.statement())
                .contains("For this example: for the order of 3 boxes of pens (customer in Germany), the answer is 21.07 EUR.");
    }

    @Test
    void an_amount_no_rule_explains_is_called_an_arithmetic_slip() {
        String feedback = ask(GRADIENT, gradientRequest(SimulatedWorld.INITIAL_PROMPT, pens, "99.99 EUR", "score 0"));
        assertThat(feedback).contains("arithmetic slip").contains(Instruction.DOUBLE_CHECK.statement());
    }

    @Test
    void the_same_failure_always_gets_the_same_feedback() {
        String request = gradientRequest(SimulatedWorld.INITIAL_PROMPT, pens, "16.07 EUR", "score 0");
        assertThat(ask(GRADIENT, request)).isEqualTo(ask(GRADIENT, request)).contains("missing express shipping fee");
    }
}
