package dev.gradsum.task;

import dev.gradsum.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Disjoint train / validation / test rows. Train rows drive generation and gradients, validation rows
 * choose the beam, test rows are only used once, at the end, to score initial vs best prompt.
 */
public record Split(List<Example> train, List<Example> validation, List<Example> test) {
    public Split {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }

    /**
     * Shuffles the rows with {@code seed} and cuts them into the three parts. Sizes larger than the
     * dataset are a ConfigurationException saying how many rows there are.
     *
     * <p>The shuffle is Fisher-Yates on a copy of the rows driven by {@code new Random(seed)}, so the same
     * dataset and seed always give the same split, on any JVM. Train takes the first {@code train}
     * shuffled rows, validation the next {@code validation}, test the next {@code test}; rows beyond
     * their sum are not used. Sizes must be {@code >= 0}, and train at least 1.
     */
    public static Split of(Dataset dataset, int train, int validation, int test, long seed) {
        Objects.requireNonNull(dataset, "dataset");
        requireSize("train", train, 1);
        requireSize("validation", validation, 0);
        requireSize("test", test, 0);
        long wanted = (long) train + validation + test;
        if (wanted > dataset.size()) {
            throw new ConfigurationException("split: train " + train + " + validation " + validation
                    + " + test " + test + " = " + wanted + " rows, but the dataset has " + dataset.size()
                    + "; lower the sizes");
        }
        List<Example> rows = shuffled(dataset.examples(), seed);
        return new Split(
                rows.subList(0, train),
                rows.subList(train, train + validation),
                rows.subList(train + validation, train + validation + test));
    }

    private static void requireSize(String part, int size, int least) {
        if (size < least) {
            throw new ConfigurationException("split: " + part + " must be at least " + least + ", was " + size);
        }
    }

    private static List<Example> shuffled(List<Example> examples, long seed) {
        List<Example> rows = new ArrayList<>(examples);
        Random random = new Random(seed);
        for (int i = rows.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Example swap = rows.get(i);
            rows.set(i, rows.get(j));
            rows.set(j, swap);
        }
        return rows;
    }
}
