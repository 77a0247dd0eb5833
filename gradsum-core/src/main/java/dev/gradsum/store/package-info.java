/**
 * The store (internal to gradsum; its API may change): {@link dev.gradsum.store.SqliteStore}, an embedded
 * SQLite database holding the persistent call cache and every run with what it learned, written as it
 * happens by a {@link dev.gradsum.store.RunRecorder}; resume and budget carry-over build on it.
 */
package dev.gradsum.store;
