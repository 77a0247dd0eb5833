package dev.gradsum.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BudgetTest {
    private static Usage spent(long calls, double usd) {
        return new Usage(calls, 0, 0, 0, 100, 10, usd);
    }

    @Test
    void a_budget_loosens_another_when_one_of_its_limits_is_higher_or_gone() {
        Budget before = new Budget(1.0, 100L, null);
        assertThat(new Budget(2.0, 100L, null).loosens(before)).isTrue();
        assertThat(new Budget(null, 100L, null).loosens(before)).isTrue();
        assertThat(new Budget(1.0, 100L, 5000L).loosens(before)).as("a new limit loosens nothing").isFalse();
        assertThat(new Budget(1.0, 100L, null).loosens(before)).isFalse();
    }

    @Test
    void a_budget_leaves_room_while_every_limit_is_above_what_was_spent() {
        assertThat(new Budget(1.0, 100L, null).leavesRoom(spent(99, 0.5))).isTrue();
        assertThat(new Budget(1.0, 100L, null).leavesRoom(spent(100, 0.5))).isFalse();
        assertThat(new Budget(0.5, null, null).leavesRoom(spent(3, 0.5))).isFalse();
        assertThat(Budget.unlimited().leavesRoom(spent(1_000_000, 1e6))).isTrue();
    }
}
