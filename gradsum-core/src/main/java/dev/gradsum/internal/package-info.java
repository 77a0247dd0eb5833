/**
 * The lowest layer of gradsum: small concurrency and exception helpers that every other package
 * (core, CLI, bench) uses, so each rule has one owner. {@link dev.gradsum.internal.Fanout} maps a
 * list over an executor in one of two named modes (fail fast; wait for all),
 * {@link dev.gradsum.internal.DaemonThreads} names and marks the threads of every pool a run opens,
 * and {@link dev.gradsum.internal.Causes} walks an exception's causes.
 *
 * <p>Internal: not for library users, and it depends on no other gradsum package (only the JDK), so
 * any package may depend on it without a cycle.
 */
package dev.gradsum.internal;
