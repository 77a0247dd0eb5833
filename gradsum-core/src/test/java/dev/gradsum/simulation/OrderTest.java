package dev.gradsum.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderTest {
    private final Order pens = new Order(3, "boxes of pens", new BigDecimal("4.50"), "Germany", true);

    @Test
    void total_applies_discount_then_vat_then_express_fee_and_rounds_half_up() {
        // 3 × 4.50 = 13.50; × 1.19 = 16.065; + 5.00 = 21.065 → 21.07
        assertThat(pens.answer()).isEqualTo("21.07 EUR");
        Order bulk = new Order(10, "staplers", new BigDecimal("2.00"), "USA", false);
        assertThat(bulk.answer()).isEqualTo("18.00 EUR");
    }

    @Test
    void an_order_is_found_again_in_the_text_it_was_written_into() {
        String prompt = "Price this.\nOrder: " + pens.text() + "\nAmount:";
        assertThat(Order.findIn(prompt)).contains(pens);
        assertThat(Order.withoutOrders(prompt)).doesNotContain("Germany");
    }

    @Test
    void the_same_seed_gives_the_same_orders_and_another_seed_other_orders() {
        assertThat(Order.generate(7, 50)).isEqualTo(Order.generate(7, 50));
        assertThat(Order.generate(7, 50)).isNotEqualTo(Order.generate(8, 50));
    }

    @Test
    void every_hidden_rule_matters_on_a_part_of_the_rows_but_not_on_all() {
        List<Order> orders = Order.generate(SimulatedWorld.DEFAULT_SEED, SimulatedWorld.ROWS);
        for (Instruction rule : List.of(Instruction.VAT, Instruction.EXPRESS, Instruction.BULK, Instruction.ROUNDING)) {
            long matters = orders.stream().filter(o -> o.rulesThatMatter().contains(rule)).count();
            assertThat(matters).as(rule.name()).isBetween(20L, 110L);
        }
    }
}
