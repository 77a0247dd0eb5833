package dev.gradsum.junit;

import dev.gradsum.GradSum;
import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.data.Split;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.llm.CallCache;
import dev.gradsum.llm.RecordingCallCache;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.store.SqliteStore;
import dev.gradsum.task.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a test's model answers come from, and the entry point of its assertions
 * ({@link #assertThatPrompt}). Made by {@link GradSumTest} for each test class, or by hand:
 * <ul>
 *   <li>{@link #replaying(Path)}: only from a recording file (docs/recordings.md), made by this class in
 *       record mode: no key, no network; a request the file lacks fails naming the role and the prompt;</li>
 *   <li>{@link #recording(Path, Path)}: the models are called (answers already in the store are reused)
 *       and every answered call is written to the recording on {@link #close()};</li>
 *   <li>{@link #live(Path)}: the models are called, through the store's call cache when one is given.</li>
 * </ul>
 * The models themselves are given to each assertion ({@link PromptAssert#answeredBy}); when replaying,
 * they are never called, but their provider, name and settings pick the recorded answers, so build them
 * as they were when the recording was made (the API key may be any text). Thread-safe; close it once.
 */
public final class PromptEvaluator implements AutoCloseable {
    /** The system property that picks the mode of {@link GradSumTest} classes. */
    public static final String MODE_PROPERTY = "gradsum.mode";
    /** The environment variable read when {@link #MODE_PROPERTY} is not set. */
    public static final String MODE_VARIABLE = "GRADSUM_MODE";

    /** How a {@link GradSumTest} class gets its answers. */
    public enum Mode {
        /** Only from the recording: no key, no network. The default for a class with a recording. */
        REPLAY,
        /** Call the models and write the recording when the class's tests are done. */
        RECORD,
        /** Call the models (through the store when one is given); no recording is read or written. */
        LIVE;

        /**
         * The mode set by {@code -Dgradsum.mode=replay|record|live}, else by {@code GRADSUM_MODE}, else
         * {@code whenUnset}.
         */
        public static Mode current(Mode whenUnset) {
            String value = System.getProperty(MODE_PROPERTY);
            String from = "-D" + MODE_PROPERTY;
            if (value == null || value.isBlank()) {
                value = System.getenv(MODE_VARIABLE);
                from = MODE_VARIABLE;
            }
            if (value == null || value.isBlank()) {
                return whenUnset;
            }
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(from + ": \"" + value + "\" is not a mode; give replay, record or live");
            }
        }
    }

    private final String source;
    private final CallCache cache;
    private final RecordingCallCache recorder;
    private final SqliteStore store;
    private boolean closed;

    private PromptEvaluator(String source, CallCache cache, RecordingCallCache recorder, SqliteStore store) {
        this.source = source;
        this.cache = cache;
        this.recorder = recorder;
        this.store = store;
    }

    /** Answers only from {@code recording} (docs/recordings.md); a missing file is a {@link ConfigurationException}. */
    public static PromptEvaluator replaying(Path recording) {
        Objects.requireNonNull(recording, "recording");
        if (!Files.isRegularFile(recording)) {
            throw new ConfigurationException("gradsum recording " + recording + ": file not found; make it by running"
                    + " the tests once with the models (-D" + MODE_PROPERTY + "=record)");
        }
        return new PromptEvaluator("recording " + recording, CallCache.replaying(recording), null, null);
    }

    /**
     * Calls the models, reusing the answers {@code store} already has (when not {@code null}), and writes
     * every answered call to {@code recording} on {@link #close()} (replacing it).
     */
    public static PromptEvaluator recording(Path recording, Path store) {
        Objects.requireNonNull(recording, "recording");
        SqliteStore opened = open(store);
        RecordingCallCache recorder = CallCache.recording(opened != null ? opened : CallCache.inMemory(), recording);
        return new PromptEvaluator("models, recorded to " + recording, recorder, recorder, opened);
    }

    /** Calls the models; identical requests within this evaluator are answered once. */
    public static PromptEvaluator live() {
        return live(null);
    }

    /** Calls the models, through the call cache of {@code store} when it is not {@code null}. */
    public static PromptEvaluator live(Path store) {
        SqliteStore opened = open(store);
        return new PromptEvaluator(opened != null ? "models, through the store " + store : "models",
                opened != null ? opened : CallCache.inMemory(), null, opened);
    }

    /** What {@link GradSumTest} asks for in {@code mode}; {@code recording} and {@code store} may be {@code null}. */
    static PromptEvaluator of(Mode mode, Path recording, Path store) {
        if (mode != Mode.LIVE && recording == null) {
            throw new ConfigurationException("@GradSumTest: " + MODE_PROPERTY + "=" + mode.name().toLowerCase(Locale.ROOT)
                    + " needs a recording file: @GradSumTest(recording = \"...\")");
        }
        return switch (mode) {
            case REPLAY -> replaying(recording);
            case RECORD -> recording(recording, store);
            case LIVE -> live(store);
        };
    }

    private static SqliteStore open(Path store) {
        return store == null ? null : SqliteStore.open(store);
    }

    /** Assertions on the prompt {@code template} (its {@code {placeholders}} are filled from each row). */
    public PromptAssert assertThatPrompt(String template) {
        return assertThatPrompt(PromptTemplate.of(template));
    }

    /** Assertions on the prompt in {@code file} (UTF-8), named by the file in failure messages. */
    public PromptAssert assertThatPrompt(Path file) {
        return new PromptAssert(this, read(file), file.toString());
    }

    /** Assertions on {@code prompt}. */
    public PromptAssert assertThatPrompt(PromptTemplate prompt) {
        return new PromptAssert(this, prompt, PromptAssert.quoted(prompt.text()));
    }

    /** Where the answers come from, for messages: {@code "recording src/test/resources/answers.jsonl"}. */
    public String source() {
        return source;
    }

    static PromptTemplate read(Path file) {
        try {
            return PromptTemplate.of(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the prompt " + file, e);
        }
    }

    /** Rates {@code prompt} on {@code rows}: no search, each row answered and rated once. */
    GradSum.Evaluated evaluate(Task task, ModelRoles models, PromptTemplate prompt, List<Example> rows, long seed) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("this PromptEvaluator (" + source + ") is closed");
            }
        }
        GradSum gradSum = GradSum.builder().task(task).models(models)
                .split(new Split(List.of(), List.of(), rows)).iterations(0).seed(seed)
                .cache(cache).build();
        return gradSum.evaluate(prompt, rows);
    }

    /** Writes the recording (record mode) and closes the store; later assertions fail. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (recorder != null) {
                recorder.close();
            }
        } finally {
            if (store != null) {
                store.close();
            }
        }
    }
}
