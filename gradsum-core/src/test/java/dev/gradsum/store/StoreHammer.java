package dev.gradsum.store;

import dev.gradsum.llm.LlmReply;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.gradsum.recording.RunRecording;
import dev.gradsum.search.StopReason;
import java.nio.file.Path;

/**
 * A child process for {@link StoreConcurrencyTest}: writes {@code n} cache entries and one run with
 * usage reports into the store at {@code args[0]}, under the name {@code args[1]}.
 */
public final class StoreHammer {
    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        String name = args[1];
        int n = Integer.parseInt(args[2]);
        hammer(db, name, n);
    }

    static void hammer(Path db, String name, int n) {
        try (SqliteStore store = SqliteStore.open(db)) {
            RunRecording run = store.start(name, "hammer", "{\"writer\":\"" + name + "\"}");
            for (int i = 1; i <= n; i++) {
                run.cache().put(name + "-" + i, CallCacheStoreTest.record(name + " reply " + i, 0.5));
                LlmReply hit = run.cache().get(name + "-" + (i / 2 + 1)).orElseThrow();
                run.onCall(Role.TARGET, hit, Usage.ZERO);
            }
            store.finish(name, RunStatus.FINISHED, StopReason.COMPLETED, 1.0, null);
        }
    }
}
