package dev.gradsum.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class whose tests get a {@link PromptEvaluator} parameter, configured here and by the
 * mode of the build ({@link PromptEvaluator.Mode}: the system property {@code gradsum.mode}, else the
 * environment variable {@code GRADSUM_MODE}):
 * <pre>{@code
 * @GradSumTest(recording = "src/test/resources/gradsum/answers.jsonl")
 * class PromptGateTest {
 *     @Test
 *     void the_prompt_is_good_enough(PromptEvaluator gradsum) {
 *         gradsum.assertThatPrompt(Path.of("prompts/capital.txt")).on(dataset).judgedBy(criteria)
 *                 .answeredBy(model).scoresAtLeast(0.8);
 *     }
 * }
 * }</pre>
 * By default a class with a {@link #recording} replays it (no key, no network); with
 * {@code -Dgradsum.mode=record} its tests call the models (through the {@link #store}'s call cache when
 * one is given) and the recording is written when the class's tests are done. Paths are relative to the
 * working directory (the module's folder under Maven and Gradle). One recording file per test class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(GradSumExtension.class)
public @interface GradSumTest {
    /** The recording file (docs/recordings.md) the tests replay, or write in record mode; "" for none. */
    String recording() default "";

    /**
     * An SQLite store (gradsum's call cache, {@code .gradsum/gradsum.db}) whose answers are reused when
     * the models are called; "" for none.
     */
    String store() default "";
}
