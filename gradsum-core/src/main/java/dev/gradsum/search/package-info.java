/**
 * The GRAD-SUM beam search. Users reach it through {@link dev.gradsum.GradSum}; the values it reports
 * ({@link dev.gradsum.search.Candidate}, {@link dev.gradsum.search.Iteration},
 * {@link dev.gradsum.search.ScoredCandidate}, {@link dev.gradsum.search.TestScore},
 * {@link dev.gradsum.search.StopReason}), its knobs ({@link dev.gradsum.search.SearchOptions}), its
 * events ({@link dev.gradsum.engine.SearchListener}) and the low–high count of the calls it will make
 * ({@link dev.gradsum.engine.CallEstimate}) are public API. {@link dev.gradsum.engine.BeamSearch},
 * {@link dev.gradsum.engine.SearchModules} and {@link dev.gradsum.engine.SearchOutcome} are internal:
 * public only so {@code dev.gradsum} can assemble a run, and free to change.
 */
package dev.gradsum.search;
