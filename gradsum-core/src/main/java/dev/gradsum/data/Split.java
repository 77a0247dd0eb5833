package dev.gradsum.data;

import dev.gradsum.exception.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Disjoint train / validation / test rows. Train rows drive generation and gradients, validation rows
 * choose the beam, test rows are only used once, at the end, to score initial vs best prompt.
 */
public record Split(List<Example> train, List<Example> validation, List<Example> test) {
    /** Default training rows: the paper's about 30. */
    public static final int DEFAULT_TRAIN = 30;
    /** Default validation rows. */
    public static final int DEFAULT_VALIDATION = 30;
    /** Default test rows at most. */
    public static final int DEFAULT_TEST = 100;

    public Split {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }

    /**
     * Rows per part of a split. {@link #of(int, Integer, Integer, Integer)} is the one rule for the
     * default split, used by the library and the command line alike.
     */
    public record Sizes(int train, int validation, int test) {
        /**
         * The sizes given, and the default for each one not given ({@code null}) of a dataset of
         * {@code rows} rows: train {@value Split#DEFAULT_TRAIN} and validation
         * {@value Split#DEFAULT_VALIDATION}, each at most a third of the rows (at least 1), validation
         * at most the rows train leaves; test the rows left, at most {@value Split#DEFAULT_TEST}. Sizes
         * that do not fit are caught by {@link Split#of(Dataset, Sizes, long)}.
         */
        public static Sizes of(int rows, Integer train, Integer validation, Integer test) {
            int third = Math.max(1, rows / 3);
            int t = train != null ? train : Math.min(DEFAULT_TRAIN, third);
            int v = validation != null ? validation : Math.max(0, Math.min(Math.min(DEFAULT_VALIDATION, third), rows - t));
            int s = test != null ? test : Math.max(0, Math.min(DEFAULT_TEST, rows - t - v));
            return new Sizes(t, v, s);
        }

        /** The default sizes for {@code rows} rows (see {@link #of(int, Integer, Integer, Integer)}). */
        public static Sizes defaults(int rows) {
            return of(rows, null, null, null);
        }

        /** Rows the split uses in all. */
        public long total() {
            return (long) train + validation + test;
        }
    }

    /** As {@link #of(Dataset, int, int, int, long)} with {@code sizes}. */
    public static Split of(Dataset dataset, Sizes sizes, long seed) {
        return of(dataset, sizes.train(), sizes.validation(), sizes.test(), seed);
    }

    /**
     * Shuffles the rows with {@code seed} and cuts them into the three parts. Sizes larger than the
     * dataset are a ConfigurationException saying how many rows there are.
     *
     * <p>The shuffle is Fisher-Yates on a copy of the rows driven by {@code new Random(seed)}, so the same
     * dataset and seed always give the same split, on any JVM. Train takes the first {@code train}
     * shuffled rows, validation the next {@code validation}, test the next {@code test}; rows beyond
     * their sum are not used. Sizes must be {@code >= 0}; a split without train or validation rows
     * serves scoring only ({@code GradSum.evaluate}, {@code gradsum eval}): the search refuses it.
     */
    public static Split of(Dataset dataset, int train, int validation, int test, long seed) {
        Objects.requireNonNull(dataset, "dataset");
        requireSize("train", train, 0);
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
