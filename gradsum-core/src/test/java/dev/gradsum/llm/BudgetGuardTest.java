package dev.gradsum.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.model.Budget;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetGuardTest {
    private final UsageAccount account = new UsageAccount(Map.of());

    @Test
    void calls_in_flight_count_against_the_call_limit() {
        BudgetGuard guard = new BudgetGuard(new Budget(null, 3L, null), account);
        guard.reserve();
        account.add(Role.TARGET, UsageAccount.paid(1, 1, 0, false, true));
        guard.release();
        guard.reserve();
        guard.reserve();
        assertThatThrownBy(guard::reserve)
                .isInstanceOf(BudgetExceededException.class)
                .hasMessage("budget.calls limit of 3 calls reached: 1 calls spent, 2 in flight");
    }

    @Test
    void spent_tokens_at_the_limit_refuse_the_next_call() {
        BudgetGuard guard = new BudgetGuard(new Budget(null, null, 100L), account);
        account.add(Role.JUDGE, UsageAccount.paid(60, 40, 0, false, true));
        assertThatThrownBy(guard::reserve).hasMessage("budget.tokens limit of 100 tokens reached: 100 tokens spent");
    }

    @Test
    void spent_dollars_at_the_limit_refuse_the_next_call() {
        BudgetGuard guard = new BudgetGuard(new Budget(0.5, null, null), account);
        account.add(Role.EDITOR, UsageAccount.paid(1, 1, 0.49, false, true));
        guard.reserve();
        guard.release();
        account.add(Role.EDITOR, UsageAccount.paid(1, 1, 0.02, false, true));
        assertThatThrownBy(guard::reserve).hasMessage("budget.usd limit of $0.50 reached: $0.5100 spent");
    }

    @Test
    void no_limits_never_refuse() {
        BudgetGuard guard = new BudgetGuard(Budget.unlimited(), account);
        account.add(Role.TARGET, new Usage(1_000_000, 0, 0, 0, 1_000_000_000, 0, 1e6));
        for (int i = 0; i < 1000; i++) {
            guard.reserve();
        }
        assertThat(guard.inFlight()).isEqualTo(1000);
    }
}
