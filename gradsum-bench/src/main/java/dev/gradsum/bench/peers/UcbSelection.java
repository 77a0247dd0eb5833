package dev.gradsum.bench.peers;

import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.modules.Evaluation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

/**
 * ProTeGi's beam selection as a best-arm bandit with upper confidence bounds (Pryzant et al. 2023,
 * §2.2, "UCB Bandits"). Each round it picks the {@code promptsPerRound} prompts with the highest
 * {@code Q(p)/N(p) + c·sqrt(ln t / N(p))} (a prompt never rated comes first), rates them on a fresh
 * random sample of {@code samplesPerEval} rows, and adds the scores to {@code Q} and the rows rated to
 * {@code N}. After the last round the prompts are ranked by their mean {@code Q/N} (unrated last; ties
 * to the older prompt) and the best {@code k} kept. Evaluation errors count neither way.
 */
public final class UcbSelection {
    /**
     * @param rounds          bandit rounds T
     * @param promptsPerRound prompts rated per round
     * @param samplesPerEval  rows in each round's sample
     * @param exploration     the exploration weight c
     */
    public record Options(int rounds, int promptsPerRound, int samplesPerEval, double exploration) {
        public Options {
            if (rounds < 1 || promptsPerRound < 1 || samplesPerEval < 1 || exploration < 0) {
                throw new IllegalArgumentException("UCB options must be >= 1 (exploration >= 0): " + this);
            }
        }

        /** The released defaults of the paper's code: 8 rounds, 8 prompts per round, 32 rows, c = 1. */
        public static Options paper() {
            return new Options(8, 8, 32, 1.0);
        }
    }

    private final Options options;
    private final BiFunction<PromptTemplate, List<Example>, List<Evaluation>> rater;
    private final java.util.concurrent.ExecutorService executor;

    UcbSelection(Options options, BiFunction<PromptTemplate, List<Example>, List<Evaluation>> rater,
                 java.util.concurrent.ExecutorService executor) {
        this.options = options;
        this.rater = rater;
        this.executor = executor;
    }

    /** The {@code k} best of {@code pool} (in pool order on ties), best first, with their mean scores. */
    List<Ranked> select(List<PromptTemplate> pool, List<Example> rows, int k, Random random) {
        int n = pool.size();
        double[] sum = new double[n];
        long[] rated = new long[n];
        for (int t = 1; t <= options.rounds(); t++) {
            final int round = t;
            List<Integer> chosen = IntStream.range(0, n).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> -bound(sum[i], rated[i], round))
                            .thenComparingInt(i -> i))
                    .limit(options.promptsPerRound())
                    .toList();
            List<Example> sample = Sampling.sample(rows, options.samplesPerEval(), random);
            List<List<Evaluation>> results = PeerContext.waitForAll(executor, chosen, i -> rater.apply(pool.get(i), sample));
            for (int c = 0; c < chosen.size(); c++) {
                for (Evaluation e : results.get(c)) {
                    if (!e.score().error()) {
                        sum[chosen.get(c)] += e.score().value();
                        rated[chosen.get(c)]++;
                    }
                }
            }
        }
        List<Ranked> ranked = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ranked.add(new Ranked(pool.get(i), rated[i] == 0 ? Double.NaN : sum[i] / rated[i], rated[i], i));
        }
        ranked.sort(Comparator.comparingDouble((Ranked r) -> Double.isNaN(r.mean()) ? Double.NEGATIVE_INFINITY : -r.mean())
                .thenComparingInt(Ranked::age));
        return ranked.subList(0, Math.min(k, n));
    }

    private double bound(double sum, long rated, int t) {
        if (rated == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return sum / rated + options.exploration() * Math.sqrt(Math.log(t) / rated);
    }

    /** A prompt with its bandit estimate: mean score over {@code rated} rows ({@code NaN} if none). */
    record Ranked(PromptTemplate prompt, double mean, long rated, int age) {
    }
}
