package dev.gradsum.bench.peers;

/**
 * Knobs of {@link ProTeGi}, defaulting to the values of Pryzant et al. (2023): beam 4, 6 rounds,
 * minibatches of 64, 4 gradients each from a group of 4 errors, 1 reason per gradient, 1 edit per
 * reason, 2 Monte-Carlo paraphrases per edit, at most 8 successors per prompt, UCB selection.
 *
 * @param beamSize           prompts kept after each round (b)
 * @param rounds             search depth (r)
 * @param minibatchSize      training rows a beam prompt answers to find its errors
 * @param gradientGroups     error groups per prompt, one gradient call each
 * @param errorsPerGroup     errors shown in one gradient call
 * @param reasonsPerGradient reasons asked of one gradient call
 * @param editsPerReason     edited prompts asked per reason
 * @param paraphrasesPerEdit Monte-Carlo paraphrases of each edited prompt
 * @param maxSuccessors      successors kept per prompt (a seeded random subset when more)
 * @param selection          the UCB bandit's knobs
 * @param seed               seeds minibatches, error groups, subsets and the bandit's samples
 */
public record ProTeGiOptions(int beamSize, int rounds, int minibatchSize, int gradientGroups, int errorsPerGroup,
                             int reasonsPerGradient, int editsPerReason, int paraphrasesPerEdit, int maxSuccessors,
                             UcbSelection.Options selection, long seed) {
    public ProTeGiOptions {
        for (int v : new int[] {beamSize, minibatchSize, gradientGroups, errorsPerGroup, reasonsPerGradient,
                editsPerReason, maxSuccessors}) {
            if (v < 1) {
                throw new IllegalArgumentException("ProTeGi options must be >= 1: " + this);
            }
        }
        if (rounds < 0 || paraphrasesPerEdit < 0) {
            throw new IllegalArgumentException("rounds and paraphrasesPerEdit must be >= 0");
        }
    }

    public static ProTeGiOptions paper() {
        return new ProTeGiOptions(4, 6, 64, 4, 4, 1, 1, 2, 8, UcbSelection.Options.paper(), 0);
    }

    public ProTeGiOptions withBeamSize(int v) {
        return new ProTeGiOptions(v, rounds, minibatchSize, gradientGroups, errorsPerGroup, reasonsPerGradient,
                editsPerReason, paraphrasesPerEdit, maxSuccessors, selection, seed);
    }

    public ProTeGiOptions withRounds(int v) {
        return new ProTeGiOptions(beamSize, v, minibatchSize, gradientGroups, errorsPerGroup, reasonsPerGradient,
                editsPerReason, paraphrasesPerEdit, maxSuccessors, selection, seed);
    }

    public ProTeGiOptions withMinibatchSize(int v) {
        return new ProTeGiOptions(beamSize, rounds, v, gradientGroups, errorsPerGroup, reasonsPerGradient,
                editsPerReason, paraphrasesPerEdit, maxSuccessors, selection, seed);
    }

    public ProTeGiOptions withSelection(UcbSelection.Options v) {
        return new ProTeGiOptions(beamSize, rounds, minibatchSize, gradientGroups, errorsPerGroup, reasonsPerGradient,
                editsPerReason, paraphrasesPerEdit, maxSuccessors, v, seed);
    }

    public ProTeGiOptions withSeed(long v) {
        return new ProTeGiOptions(beamSize, rounds, minibatchSize, gradientGroups, errorsPerGroup, reasonsPerGradient,
                editsPerReason, paraphrasesPerEdit, maxSuccessors, selection, v);
    }
}
