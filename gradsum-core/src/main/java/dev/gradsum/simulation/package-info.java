/**
 * A SIMULATED world for running GRAD-SUM offline, with no API key and no language model: a synthetic
 * order-pricing task with hidden rules and deterministic stand-ins for all five model roles
 * ({@code simulated-target}, {@code -judge}, {@code -gradient}, {@code -summarizer}, {@code -editor}).
 * Beside it, {@link dev.gradsum.simulation.HardWorld}: a harder parcel-coding task for the bench (rows need
 * different rules, a judge wrong at a set rate, an editor that regresses or overfits). Only the two
 * worlds are public; the models and the world's rules are
 * package-private and free to change. It backs the loop tests and {@code gradsum demo}.
 */
package dev.gradsum.simulation;
