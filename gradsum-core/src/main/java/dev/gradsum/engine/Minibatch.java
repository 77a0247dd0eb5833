package dev.gradsum.engine;

import dev.gradsum.data.Example;
import dev.gradsum.internal.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The training rows one beam prompt runs on in one iteration: all of them when there are no more than
 * the minibatch size, otherwise a seeded sample (kept in the split's order). The seed mixes the run's
 * seed, the iteration and the prompt's id, so a rerun draws the same rows whatever the thread timing.
 */
final class Minibatch {
    private Minibatch() {
    }

    static List<Example> draw(List<Example> train, int size, long seed, int iteration, String candidateId) {
        if (train.size() <= size) {
            return train;
        }
        Random random = new Random(mix(seed, iteration, candidateId));
        List<Integer> indices = new ArrayList<>(train.size());
        for (int i = 0; i < train.size(); i++) {
            indices.add(i);
        }
        List<Integer> chosen = new ArrayList<>(Samples.withoutReplacement(indices, size, random));
        chosen.sort(null);
        List<Example> rows = new ArrayList<>(size);
        for (int i : chosen) {
            rows.add(train.get(i));
        }
        return List.copyOf(rows);
    }

    private static long mix(long seed, int iteration, String candidateId) {
        long h = seed * 0x9E3779B97F4A7C15L;
        h = (h ^ iteration) * 0xBF58476D1CE4E5B9L;
        h = (h ^ candidateId.hashCode()) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
