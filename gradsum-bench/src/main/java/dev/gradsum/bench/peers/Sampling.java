package dev.gradsum.bench.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded sampling without replacement: a partial Fisher-Yates shuffle of a copy. */
final class Sampling {
    private Sampling() {
    }

    /** {@code n} items of {@code items} (all of them, shuffled, when there are fewer). */
    static <T> List<T> sample(List<T> items, int n, Random random) {
        List<T> copy = new ArrayList<>(items);
        int take = Math.min(n, copy.size());
        for (int i = 0; i < take; i++) {
            int j = i + random.nextInt(copy.size() - i);
            T swap = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, swap);
        }
        return List.copyOf(copy.subList(0, take));
    }
}
