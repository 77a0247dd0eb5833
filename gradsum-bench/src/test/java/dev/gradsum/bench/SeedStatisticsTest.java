package dev.gradsum.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The statistics over seeds, on cases worked out by hand. */
class SeedStatisticsTest {
    @Test
    void mean_sd_and_t_interval_of_one_to_five() {
        double[] v = {1, 2, 3, 4, 5};
        assertThat(SeedStatistics.mean(v)).isEqualTo(3.0);
        assertThat(SeedStatistics.sd(v)).isCloseTo(Math.sqrt(2.5), within(1e-12));
        // t(0.975, 4) = 2.776; half width 2.776 * 1.5811 / sqrt(5) = 1.9629
        double[] ci = SeedStatistics.interval95(v);
        assertThat(ci[0]).isCloseTo(1.0371, within(1e-3));
        assertThat(ci[1]).isCloseTo(4.9629, within(1e-3));
    }

    @Test
    void a_single_seed_has_no_spread() {
        assertThat(SeedStatistics.sd(new double[] {0.7})).isZero();
        assertThat(SeedStatistics.interval95(new double[] {0.7})).containsExactly(0.7, 0.7);
    }

    @Test
    void sign_flip_p_value_when_every_seed_is_better() {
        // differences 1..5: only all-plus and all-minus reach |sum| 15: 2 of 32 flips
        double[] a = {1, 2, 3, 4, 5};
        double[] b = {0, 0, 0, 0, 0};
        assertThat(SeedStatistics.pairedSignFlipP(a, b, 1)).isEqualTo(2 / 32.0);
    }

    @Test
    void sign_flip_p_value_of_mixed_differences() {
        // differences 3, -1, 2, 2 (sum 6): |±3±1±2±2| >= 6 for 3+1+2+2, 3-1+2+2 and their negatives: 4 of 16
        double[] a = {3, 0, 2, 5};
        double[] b = {0, 1, 0, 3};
        assertThat(SeedStatistics.pairedSignFlipP(a, b, 1)).isEqualTo(4 / 16.0);
        assertThat(SeedStatistics.pairedSignFlipP(b, a, 1)).isEqualTo(4 / 16.0);
    }

    @Test
    void no_difference_gives_p_one() {
        double[] a = {0.5, 0.6, 0.7};
        assertThat(SeedStatistics.pairedSignFlipP(a, a.clone(), 1)).isEqualTo(1.0);
    }

    @Test
    void many_seeds_use_a_seeded_monte_carlo_close_to_the_exact_value() {
        double[] a = new double[24];
        double[] b = new double[24];
        for (int i = 0; i < 24; i++) {
            a[i] = i % 3 == 0 ? 0.1 : 0.3;
            b[i] = 0.2;
        }
        double p = SeedStatistics.pairedSignFlipP(a, b, 5);
        assertThat(p).isEqualTo(SeedStatistics.pairedSignFlipP(a, b, 5)).isBetween(0.0, 1.0);
        double[] better = new double[24];
        java.util.Arrays.fill(better, 0.9);
        assertThat(SeedStatistics.pairedSignFlipP(better, b, 5)).isLessThan(0.001);
    }
}
