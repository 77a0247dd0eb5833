package dev.gradsum.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A sleeper that records how long it was asked to wait and returns at once. */
final class RecordingSleeper implements Sleeper {
    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
    }

    List<Duration> waits() {
        synchronized (waits) {
            return List.copyOf(waits);
        }
    }
}
