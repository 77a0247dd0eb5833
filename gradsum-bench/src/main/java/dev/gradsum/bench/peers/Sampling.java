package dev.gradsum.bench.peers;

import dev.gradsum.internal.Samples;
import java.util.List;
import java.util.Random;

/** Seeded sampling without replacement for the peer methods ({@link Samples}). */
final class Sampling {
    private Sampling() {
    }

    /** {@code n} items of {@code items} (all of them, shuffled, when there are fewer). */
    static <T> List<T> sample(List<T> items, int n, Random random) {
        return Samples.withoutReplacement(items, n, random);
    }
}
