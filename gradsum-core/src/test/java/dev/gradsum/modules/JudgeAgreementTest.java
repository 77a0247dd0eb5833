package dev.gradsum.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gradsum.data.Example;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.task.Criteria;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Agreement statistics of judge-check on tables worked out by hand. */
class JudgeAgreementTest {
    private static List<Boolean> repeat(boolean v, int n) {
        return new ArrayList<>(Collections.nCopies(n, v));
    }

    @Test
    void kappa_of_a_hand_checked_table() {
        // judge pass & reference pass 20, judge pass & ref fail 5, judge fail & ref pass 10, both fail 15 (n = 50)
        // po = 35/50 = 0.7; pJ = 25/50 = 0.5; pR = 30/50 = 0.6; pe = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = 0.2/0.5 = 0.4
        List<Boolean> judge = new ArrayList<>();
        List<Boolean> reference = new ArrayList<>();
        judge.addAll(repeat(true, 25));
        judge.addAll(repeat(false, 25));
        reference.addAll(repeat(true, 20));
        reference.addAll(repeat(false, 5));
        reference.addAll(repeat(true, 10));
        reference.addAll(repeat(false, 15));
        JudgeAgreement a = JudgeAgreement.of(judge, reference);
        assertThat(a).isEqualTo(new JudgeAgreement(20, 5, 10, 15, 0));
        assertThat(a.accuracy()).isCloseTo(0.7, within(1e-12));
        assertThat(a.kappa()).isCloseTo(0.4, within(1e-12));
        assertThat(a.atLeast(0.6)).isFalse();
        assertThat(a.atLeast(0.4)).isTrue();
    }

    @Test
    void perfect_agreement_is_kappa_one_and_chance_agreement_is_zero() {
        JudgeAgreement perfect = JudgeAgreement.of(List.of(true, false, true, false), List.of(true, false, true, false));
        assertThat(perfect.kappa()).isEqualTo(1.0);
        // judge passes half, reference passes half, independently: po = 0.5 = pe
        JudgeAgreement chance = JudgeAgreement.of(List.of(true, true, false, false), List.of(true, false, true, false));
        assertThat(chance.kappa()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void one_verdict_on_both_sides_leaves_kappa_undefined_and_unrated_rows_apart() {
        JudgeAgreement a = JudgeAgreement.of(Arrays.asList(true, true, null), Arrays.asList(true, true, false));
        assertThat(a.rated()).isEqualTo(2);
        assertThat(a.unrated()).isEqualTo(1);
        assertThat(a.accuracy()).isEqualTo(1.0);
        assertThat(a.kappa()).isNaN();
        assertThat(a.atLeast(0)).isFalse();
    }

    @Test
    void human_verdicts_are_read_in_words_or_on_the_judges_scale() {
        Criteria binary = Criteria.binary("c");
        Criteria fivePoint = Criteria.scale("c", 5);
        assertThat(JudgeAgreement.humanVerdict(row("pass"), "h", binary)).isTrue();
        assertThat(JudgeAgreement.humanVerdict(row("No"), "h", binary)).isFalse();
        assertThat(JudgeAgreement.humanVerdict(row("1"), "h", binary)).isTrue();
        assertThat(JudgeAgreement.humanVerdict(row("0"), "h", binary)).isFalse();
        assertThat(JudgeAgreement.humanVerdict(row("4"), "h", fivePoint)).isTrue();
        assertThat(JudgeAgreement.humanVerdict(row("3"), "h", fivePoint)).isFalse();
        assertThat(JudgeAgreement.humanVerdict(row(""), "h", binary)).isNull();
        assertThatThrownBy(() -> JudgeAgreement.humanVerdict(row("maybe"), "h", binary))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("row r").hasMessageContaining("'h'");
    }

    @Test
    void the_sample_is_seeded() {
        List<Example> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(new Example("r" + i, Map.of("h", "1")));
        }
        assertThat(JudgeAgreement.sample(rows, 10, 4)).isEqualTo(JudgeAgreement.sample(rows, 10, 4)).hasSize(10)
                .doesNotHaveDuplicates().isNotEqualTo(JudgeAgreement.sample(rows, 10, 5));
        assertThat(JudgeAgreement.sample(rows, 99, 4)).hasSize(30);
    }

    private static Example row(String value) {
        return new Example("r", Map.of("h", value));
    }
}
