/**
 * A SIMULATED world for running GRAD-SUM offline, with no API key and no language model: a synthetic
 * order-pricing task with hidden rules and deterministic stand-ins for all five model roles
 * ({@code simulated-target}, {@code -judge}, {@code -gradient}, {@code -summarizer}, {@code -editor}).
 * Only {@link dev.gradsum.simulation.SimulatedWorld} is public; the models and the world's rules are
 * package-private and free to change. It backs the loop tests and {@code gradsum demo}.
 */
package dev.gradsum.simulation;
