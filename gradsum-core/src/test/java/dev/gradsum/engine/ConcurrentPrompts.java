package dev.gradsum.engine;

import dev.gradsum.testing.ScriptedChatModel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Proves work ran concurrently without timing: each request that {@code participates} waits until
 * {@code prompts} different prompts have sent such a request. Run one after the other, the prompts
 * never meet and the wait gives up after 20 s.
 */
final class ConcurrentPrompts {
    private final Predicate<String> participates;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final CountDownLatch all = new CountDownLatch(1);
    private final int prompts;
    private volatile boolean gaveUp;

    ConcurrentPrompts(Predicate<String> participates, int prompts) {
        this.participates = participates;
        this.prompts = prompts;
    }

    Function<ScriptedChatModel.Call, String> around(Function<String, String> answer) {
        return call -> {
            String text = call.text();
            if (participates.test(text)) {
                seen.add(text.replaceAll("(train|val|test)-\\d+", "ROW"));
                if (seen.size() >= prompts) {
                    all.countDown();
                }
                try {
                    if (!all.await(20, TimeUnit.SECONDS)) {
                        gaveUp = true;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return answer.apply(text);
        };
    }

    boolean met() {
        return all.getCount() == 0 && !gaveUp;
    }
}
