package dev.gradsum.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.data.Example;
import dev.gradsum.metric.Metric;
import dev.gradsum.metric.Score;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Notes the threads that model calls and scores run on, to check afterwards that the pools they
 * belong to were shut down: an idle thread of a cached pool left open lives on for 60 s.
 */
public final class PoolThreads {
    private final Set<Thread> seen = ConcurrentHashMap.newKeySet();

    /** A model answering with {@code script}, noting the thread of every call. */
    public ScriptedChatModel model(String name, Function<ScriptedChatModel.Call, String> script) {
        return new ScriptedChatModel(name, call -> {
            seen.add(Thread.currentThread());
            return script.apply(call);
        });
    }

    /** A metric passing every answer, noting the thread of every score. */
    public Metric metric() {
        return new Metric() {
            @Override
            public String name() {
                return "thread-noting";
            }

            @Override
            public Score score(Example example, String output) {
                seen.add(Thread.currentThread());
                return Score.pass("noted");
            }
        };
    }

    /**
     * Asserts that a thread named with each of {@code prefixes} was seen (so the pool was really
     * used) and that every seen thread so named ends within 5 s.
     */
    public void assertUsedAndStopped(String... prefixes) throws InterruptedException {
        for (String prefix : prefixes) {
            assertThat(seen).extracting(Thread::getName).as("threads seen").anyMatch(n -> n.startsWith(prefix));
        }
        for (Thread t : seen) {
            for (String prefix : prefixes) {
                if (t.getName().startsWith(prefix)) {
                    t.join(5_000);
                    assertThat(t.isAlive()).as("%s still running after the pool's owner closed", t.getName()).isFalse();
                }
            }
        }
    }
}
