package dev.gradsum.engine;

/** The stages of one iteration, in order, plus the final test. */
public enum Stage {
    GENERATE, EVALUATE, GRADIENTS, SUMMARIZE, EDIT, VALIDATE, TEST
}
