package dev.gradsum.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded sampling without replacement: a partial Fisher-Yates shuffle of a copy. */
public final class Samples {
    private Samples() {
    }

    /** {@code n} items of {@code items} in drawn order (all of them, shuffled, when there are fewer). */
    public static <T> List<T> withoutReplacement(List<T> items, int n, Random random) {
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
