/**
 * gradsum's exceptions: {@link dev.gradsum.exception.GradSumException}, the root, and
 * {@link dev.gradsum.exception.ConfigurationException}, a mistake in what the user gave. Both name the
 * library setting their remedy concerns, when there is one. Public API; depends on nothing.
 */
package dev.gradsum.exception;
