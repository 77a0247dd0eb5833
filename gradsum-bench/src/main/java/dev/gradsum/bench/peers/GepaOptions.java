package dev.gradsum.bench.peers;

/**
 * Knobs of {@link Gepa}, defaulting to the values of Agrawal et al. (2025): reflective minibatches of 3
 * training rows, merge off (the paper reports GEPA with and without it), at most 5 merges when on.
 *
 * @param minibatchSize training rows a parent answers before each reflection (GEPA: 3)
 * @param proposals     reflective mutations to attempt at most (the search also ends at the budget)
 * @param merge         whether to try GEPA's merge of two candidates that share an ancestor
 * @param maxMerges     merges to attempt at most when {@code merge} is on
 * @param seed          seeds parent draws and the minibatch order
 */
public record GepaOptions(int minibatchSize, int proposals, boolean merge, int maxMerges, long seed) {
    public GepaOptions {
        if (minibatchSize < 1 || proposals < 0 || maxMerges < 0) {
            throw new IllegalArgumentException("GEPA options: minibatchSize >= 1, proposals and maxMerges >= 0: " + this);
        }
    }

    /** Minibatch 3, 45 proposals, no merge (5 merges when switched on), seed 0. */
    public static GepaOptions paper() {
        return new GepaOptions(3, 45, false, 5, 0);
    }

    public GepaOptions withProposals(int v) {
        return new GepaOptions(minibatchSize, v, merge, maxMerges, seed);
    }

    public GepaOptions withMerge(boolean v) {
        return new GepaOptions(minibatchSize, proposals, v, maxMerges, seed);
    }

    public GepaOptions withSeed(long v) {
        return new GepaOptions(minibatchSize, proposals, merge, maxMerges, v);
    }
}
