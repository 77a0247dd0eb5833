package dev.gradsum.task;

import java.util.List;

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
     */
    public static Split of(Dataset dataset, int train, int validation, int test, long seed) {
        throw new UnsupportedOperationException("todo");
    }
}
