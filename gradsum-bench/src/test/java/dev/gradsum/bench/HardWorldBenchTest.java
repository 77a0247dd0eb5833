package dev.gradsum.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.bench.peers.PeerContext;
import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.model.Budget;
import dev.gradsum.model.Pricing;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.simulation.HardWorld;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The hard world as the bench sees it, through gradsum's call path: which rows fail depends on which
 * rule family they need, and the judge's verdicts disagree with the ground truth at the set rate.
 */
class HardWorldBenchTest {
    private static PromptTemplate stating(HardWorld world, String... rules) {
        StringBuilder lines = new StringBuilder();
        for (String r : rules) {
            lines.append('\n').append(HardWorld.statement(r));
        }
        return PromptTemplate.of(world.task().prompt().text().replace("\n\nParcel:", lines + "\n\nParcel:"));
    }

    @Test
    void a_rows_failure_depends_on_its_rule_family() {
        HardWorld world = HardWorld.create(11);
        PromptTemplate weightRules = stating(world, "HEAVY", "LIGHT");
        for (Example row : world.dataset().examples()) {
            Set<String> needed = world.rulesNeeded(row);
            boolean needsOtherFamily = needed.stream().anyMatch(r -> !HardWorld.family(r).equals("weight"));
            if (needsOtherFamily) {
                assertThat(world.correct(weightRules, row)).as(row.id() + " needs " + needed).isFalse();
            }
        }
        long fixedByWeight = world.dataset().examples().stream()
                .filter(r -> !world.rulesNeeded(r).isEmpty() && world.rulesNeeded(r).stream().allMatch(x -> HardWorld.family(x).equals("weight")))
                .filter(r -> world.correct(weightRules, r) && !world.correct(world.task().prompt(), r)).count();
        assertThat(fixedByWeight).as("rows the weight rules fix").isPositive();
    }

    @Test
    void the_judge_is_wrong_at_its_set_rate_over_many_rows() {
        for (double rate : new double[] {0.0, 0.25}) {
            int wrong = 0;
            int total = 0;
            for (long seed = 1; seed <= 3; seed++) {
                HardWorld world = HardWorld.create(seed, rate);
                try (PeerContext context = PeerContext.open(world.task(), world.models(), Pricing.none(), Budget.unlimited(),
                        8, Duration.ofSeconds(30), seed)) {
                    for (PromptTemplate p : List.of(world.task().prompt(), stating(world, "HEAVY", "ISLAND", "EXPRESS"))) {
                        List<Example> rows = world.dataset().examples();
                        List<Evaluation> judged = context.rate(p, rows);
                        for (int i = 0; i < rows.size(); i++) {
                            wrong += judged.get(i).score().passed() != world.correct(p, rows.get(i)) ? 1 : 0;
                            total++;
                        }
                    }
                }
            }
            double observed = wrong / (double) total;
            assertThat(observed).as("judge error at rate " + rate).isBetween(rate - 0.05, rate + 0.05);
        }
    }
}
