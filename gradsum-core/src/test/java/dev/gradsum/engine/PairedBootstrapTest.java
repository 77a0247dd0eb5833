package dev.gradsum.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PairedBootstrapTest {
    /** 400 paired binary ratings: initial passes with p = 0.5, best with p = 0.75, so the true difference is 0.25. */
    private static double[] knownSample() {
        Random random = new Random(7);
        double[] differences = new double[400];
        for (int i = 0; i < differences.length; i++) {
            double u = random.nextDouble();
            double initial = u < 0.5 ? 1 : 0;
            double best = u < 0.75 ? 1 : 0;
            differences[i] = best - initial;
        }
        return differences;
    }

    @Test
    void the_interval_contains_the_true_difference_of_a_known_paired_sample() {
        double[] interval = new PairedBootstrap(2000, 1).interval(knownSample());

        assertThat(interval[0]).isLessThan(0.25);
        assertThat(interval[1]).isGreaterThan(0.25);
        assertThat(interval[1] - interval[0]).as("width of a 95%% interval for n = 400").isBetween(0.05, 0.15);
    }

    @Test
    void the_same_seed_gives_the_same_interval_and_another_seed_another() {
        double[] sample = knownSample();

        double[] a = new PairedBootstrap(2000, 42).interval(sample);
        double[] b = new PairedBootstrap(2000, 42).interval(sample);
        double[] c = new PairedBootstrap(2000, 43).interval(sample);

        assertThat(a).containsExactly(b);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void identical_prompts_give_a_zero_width_interval_at_zero() {
        assertThat(new PairedBootstrap(500, 0).interval(new double[] {0, 0, 0, 0})).containsExactly(0, 0);
    }

    @Test
    void no_paired_rows_give_an_empty_interval_at_zero() {
        assertThat(new PairedBootstrap(500, 0).interval(new double[0])).containsExactly(0, 0);
    }

    @Test
    void percentiles_interpolate_between_ranks() {
        double[] sorted = {0, 1, 2, 3, 4};
        assertThat(PairedBootstrap.percentile(sorted, 0.5)).isEqualTo(2);
        assertThat(PairedBootstrap.percentile(sorted, 0.125)).isCloseTo(0.5, within(1e-12));
        assertThat(PairedBootstrap.percentile(sorted, 1)).isEqualTo(4);
    }

    @Test
    void the_95_percent_interval_is_the_default_and_a_higher_confidence_is_wider() {
        double[] sample = knownSample();
        PairedBootstrap bootstrap = new PairedBootstrap(2000, 42);

        double[] at95 = bootstrap.interval(sample, 0.95);
        double[] at80 = bootstrap.interval(sample, 0.80);
        double[] at99 = bootstrap.interval(sample, 0.99);

        assertThat(at95[0]).isCloseTo(bootstrap.interval(sample)[0], within(1e-12));
        assertThat(at95[1]).isCloseTo(bootstrap.interval(sample)[1], within(1e-12));
        assertThat(at99[0]).isLessThan(at95[0]);
        assertThat(at99[1]).isGreaterThan(at95[1]);
        assertThat(at80[0]).isGreaterThan(at95[0]);
        assertThat(at80[1]).isLessThan(at95[1]);
        assertThatThrownBy(() -> bootstrap.interval(sample, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
