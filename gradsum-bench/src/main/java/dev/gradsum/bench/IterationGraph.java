package dev.gradsum.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The dependency graph of one optimize iteration with one beam prompt (iteration 1: the initial prompt
 * c0), and the least wall time any scheduler could take for it when every call takes exactly L and at
 * most C calls are in flight: the ideal the engine benchmark divides the measured time by.
 *
 * <p>The graph (the calls are the requests the server received; answers shared with an identical
 * request in flight take no slot):
 * <ol>
 *   <li><b>minibatch</b>: each of the m rows is generated, then judged; each failed row's gradient
 *       waits for that row's verdict only. Chains of depth 3 (2 without any failure), 2m + f calls;</li>
 *   <li><b>summary</b>: waits for all gradients of its prompt (1 call per prompt with gradients);</li>
 *   <li><b>edit</b>: waits for the summary (1 call, K candidates);</li>
 *   <li><b>repairs</b>: each waits for the edit (one per invalid candidate, all at once);</li>
 *   <li><b>child validation</b>: each child's v rows are generated, then judged, once the child is
 *       written: chains of depth 2, 2·v·(children) calls;</li>
 *   <li>choosing the beam waits for every validation verdict (the algorithm's one barrier).</li>
 * </ol>
 * The initial prompt's own validation (v generations and v verdicts) depends on nothing: it may run
 * at any time, filling slots the chain leaves idle.
 *
 * <p>A level of {@code n} calls in chains of depth {@code d} needs at least max(d, ⌈n/C⌉)·L: its chains
 * in sequence, or its calls over C slots, where each call holds its slot for a whole L, so a slot
 * that must serve more than k calls of the level needs k + 1 rounds (in less than ⌈n/C⌉·L the C slots
 * finish at most C·(⌈n/C⌉ − 1) &lt; n calls). The levels follow each other, so the <b>chain bound</b>
 * is the sum over levels. By the same count the <b>work bound</b> is ⌈all requests/C⌉·L, the
 * free-floating validation included. The ideal is the
 * larger of the two: a lower bound on the wall time of the iteration, which a streaming engine with no
 * overhead reaches when the floating work fits the chain's idle slots.
 *
 * @param minibatchRequests       generation and judge requests of the minibatch (2m with a judge, else m)
 * @param gradients               gradient requests (one per failed row)
 * @param summaries               summary requests
 * @param edits                   edit requests
 * @param repairs                 repair requests (the editor's requests beyond the edits)
 * @param childValidationRequests generation and judge requests of the children's validation
 * @param judged                  an LLM judge rates each answer (a second request per row)
 * @param totalRequests           all requests the server received during the iteration (the initial
 *                                prompt's validation included)
 */
record IterationGraph(long minibatchRequests, long gradients, long summaries, long edits, long repairs,
                      long childValidationRequests, boolean judged, long totalRequests) {

    /** One level of the chain: its calls and the depth of its longest chain. */
    record Level(String name, long calls, int depth) {
        /** max(depth, ⌈calls/C⌉)·L; 0 for an empty level. */
        double millis(int concurrency, double latencyMs) {
            return calls == 0 ? 0 : Math.max(depth, rounds(calls, concurrency)) * latencyMs;
        }
    }

    /** The levels of the chain in order (empty ones included, with 0 calls). */
    List<Level> levels() {
        int perRow = judged ? 2 : 1;
        List<Level> levels = new ArrayList<>();
        levels.add(new Level("minibatch: generate, judge, gradient", minibatchRequests + gradients,
                perRow + (gradients > 0 ? 1 : 0)));
        levels.add(new Level("summary", summaries, 1));
        levels.add(new Level("edit", edits, 1));
        levels.add(new Level("repairs", repairs, 1));
        levels.add(new Level("child validation: generate, judge", childValidationRequests, perRow));
        return levels;
    }

    /** The sum over the levels of max(depth, ⌈calls/C⌉)·L. */
    double chainBoundMillis(int concurrency, double latencyMs) {
        return levels().stream().mapToDouble(l -> l.millis(concurrency, latencyMs)).sum();
    }

    /** ⌈all requests/C⌉·L. */
    double workBoundMillis(int concurrency, double latencyMs) {
        return rounds(totalRequests, concurrency) * latencyMs;
    }

    /** How many rounds of L at least {@code calls} calls of length L take on {@code concurrency} slots. */
    private static long rounds(long calls, int concurrency) {
        return (calls + concurrency - 1) / concurrency;
    }

    /** The larger of the chain and the work bound. */
    double idealMillis(int concurrency, double latencyMs) {
        return Math.max(chainBoundMillis(concurrency, latencyMs), workBoundMillis(concurrency, latencyMs));
    }
}
