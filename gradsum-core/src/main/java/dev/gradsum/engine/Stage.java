package dev.gradsum.engine;

/**
 * The stages of one iteration, in order, plus the final test. The search announces {@code GENERATE}
 * for answering and rating the minibatch together (rows flow from the target to the judge);
 * {@code EVALUATE} is kept for runs recorded before that. {@code GATE} is the minibatch gate's
 * (children answer their parent's minibatch; only with {@code SearchOptions.minibatchGate}).
 */
public enum Stage {
    GENERATE, EVALUATE, GRADIENTS, SUMMARIZE, EDIT, GATE, VALIDATE, TEST
}
