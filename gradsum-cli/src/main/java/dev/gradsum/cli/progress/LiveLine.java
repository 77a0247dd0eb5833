package dev.gradsum.cli.progress;

import dev.gradsum.search.Iteration;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One status line redrawn in place with {@code \r} (at most ten times a second), for terminals; erased
 * when the run ends, so no stale ETA stays on screen.
 */
final class LiveLine extends Progress {
    private static final Duration REDRAW_EVERY = Duration.ofMillis(100);
    private Instant lastDrawn = Instant.EPOCH;
    private int lastWidth;

    LiveLine(PrintStream out, Clock clock, int iterations, ExpectedCalls expected) {
        super(out, clock, iterations, expected);
    }

    @Override
    protected void onStage(int plannedCalls) {
        draw(true);
    }

    @Override
    protected void onStageDone(int plannedCalls, long calls, long replayed) {
    }

    @Override
    protected void onIteration(Iteration it) {
        draw(true);
    }

    @Override
    protected void onCallDone() {
        draw(false);
    }

    @Override
    protected void onBatches(String line) {
        draw(true);
    }

    @Override
    protected void onFinish() {
        if (lastWidth > 0) {
            out.print("\r" + " ".repeat(lastWidth) + "\r");
            lastWidth = 0;
        }
        out.flush();
    }

    private void draw(boolean force) {
        Instant now = now();
        if (!force && Duration.between(lastDrawn, now).compareTo(REDRAW_EVERY) < 0) {
            return;
        }
        lastDrawn = now;
        String line = status();
        int pad = Math.max(0, lastWidth - line.length());
        out.print("\r" + line + " ".repeat(pad));
        out.flush();
        lastWidth = line.length();
    }
}
