package dev.gradsum.simulation;

import static dev.gradsum.simulation.SimulatedModels.GRADIENT;
import static dev.gradsum.simulation.SimulatedModels.SUMMARIZER;
import static dev.gradsum.simulation.SimulatedModels.ask;
import static dev.gradsum.simulation.SimulatedModels.gradientRequest;
import static dev.gradsum.simulation.SimulatedModels.summaryRequest;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedSummarizerTest {
    private static String gradient(Order order, String output) {
        return ask(GRADIENT, gradientRequest(SimulatedWorld.INITIAL_PROMPT, order, output, "score 0"));
    }

    @Test
    void the_summary_keeps_rules_that_recur_and_drops_remarks_about_single_examples() {
        Order germany = new Order(3, "boxes of pens", new BigDecimal("4.50"), "Germany", false);
        Order france = new Order(2, "notebooks", new BigDecimal("3.00"), "France", false);
        Order bulk = new Order(12, "staplers", new BigDecimal("2.00"), "USA", false);
        List<String> gradients = List.of(gradient(germany, "13.50 EUR"), gradient(france, "6.00 EUR"),
                gradient(bulk, "24.00 EUR"));
        String summary = ask(SUMMARIZER, summaryRequest(SimulatedWorld.INITIAL_PROMPT, gradients));
        assertThat(summary).contains(Instruction.VAT.statement())
                .doesNotContain(Instruction.BULK.statement())
                .doesNotContain("For this example").doesNotContain("the answer is").doesNotContain("Germany")
                .doesNotContain("\n");
    }

    @Test
    void the_most_recommended_instruction_comes_first() {
        Order a = new Order(3, "mugs", new BigDecimal("4.00"), "USA", true);
        Order b = new Order(2, "mugs", new BigDecimal("5.00"), "Japan", true);
        Order c = new Order(2, "mugs", new BigDecimal("5.00"), "Spain", false);
        Order d = new Order(4, "mugs", new BigDecimal("5.00"), "Italy", false);
        Order e = new Order(5, "mugs", new BigDecimal("5.00"), "Italy", false);
        String summary = ask(SUMMARIZER, summaryRequest("p {order}", List.of(gradient(a, "12.00 EUR"),
                gradient(b, "10.00 EUR"), gradient(c, "10.00 EUR"), gradient(d, "20.00 EUR"), gradient(e, "25.00 EUR"))));
        assertThat(summary.indexOf(Instruction.VAT.statement())).isLessThan(summary.indexOf(Instruction.EXPRESS.statement()));
    }

    @Test
    void a_single_gradient_is_summarised_by_its_own_instruction() {
        Order bulk = new Order(12, "staplers", new BigDecimal("2.00"), "USA", false);
        assertThat(ask(SUMMARIZER, summaryRequest("p {order}", List.of(gradient(bulk, "24.00 EUR")))))
                .contains(Instruction.BULK.statement());
    }
}
