package dev.gradsum.store;

import dev.gradsum.llm.CallCache;
import dev.gradsum.llm.CallRecord;
import dev.gradsum.llm.LlmReply;
import java.time.Clock;
import java.util.Optional;

/**
 * The store's call cache as one run sees it: each paid call's reply is stored and counted for the run
 * in one transaction, so what the run spent is never out of step with what it can replay. Made by
 * {@link RunRecorder#cache()} (and wrapped by {@link RunRecorder#writeOnlyCache()}).
 */
final class RunCallCache implements CallCache {
    private final SqliteStore store;
    private final StoreConnection db;
    private final String runId;
    private final Clock clock;

    RunCallCache(SqliteStore store, StoreConnection db, String runId, Clock clock) {
        this.store = store;
        this.db = db;
        this.runId = runId;
        this.clock = clock;
    }

    @Override
    public Optional<LlmReply> get(String key) {
        return store.get(key);
    }

    @Override
    public void put(String key, CallRecord record) {
        db.transaction(c -> {
            SqliteStore.insert(c, key, record, clock.millis());
            UsageRows.addPaid(c, runId, record);
            return null;
        });
    }
}
