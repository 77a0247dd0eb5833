package dev.gradsum.recording;

/**
 * What {@code gradsum cache stats} prints.
 *
 * @param entries  answered calls stored
 * @param bytes    UTF-8 bytes of the stored reply texts
 * @param costUsd  what the stored calls cost when they were made (what a rerun saves)
 * @param hits     requests this process answered from the cache
 */
public record CacheStats(long entries, long bytes, double costUsd, long hits) {
}
