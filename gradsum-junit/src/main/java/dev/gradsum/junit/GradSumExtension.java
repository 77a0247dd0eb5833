package dev.gradsum.junit;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link GradSumTest} (or {@code @ExtendWith(GradSumExtension.class)} with a
 * {@code @GradSumTest} on the class for its settings): before the class's tests it makes one
 * {@link PromptEvaluator} from the annotation and the {@link PromptEvaluator.Mode mode}, injects it into
 * every test, lifecycle method and constructor parameter of that type, and closes it after the class's
 * tests (writing the recording in record mode). A {@code @Nested} class shares the evaluator of the class
 * enclosing it.
 */
public final class GradSumExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(GradSumExtension.class);
    private static final String EVALUATOR = "evaluator";

    /** Made by JUnit. */
    public GradSumExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (context.getStore(NAMESPACE).get(EVALUATOR, PromptEvaluator.class) != null) {
            return; // a nested class shares its enclosing class's evaluator (and recording)
        }
        GradSumTest settings = settings(context).orElse(null);
        Path recording = settings == null || settings.recording().isBlank() ? null : Path.of(settings.recording());
        Path store = settings == null || settings.store().isBlank() ? null : Path.of(settings.store());
        PromptEvaluator.Mode mode = PromptEvaluator.Mode.current(recording != null ? PromptEvaluator.Mode.REPLAY
                : PromptEvaluator.Mode.LIVE);
        context.getStore(NAMESPACE).put(EVALUATOR, PromptEvaluator.of(mode, recording, store));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        PromptEvaluator evaluator = context.getStore(NAMESPACE).remove(EVALUATOR, PromptEvaluator.class);
        if (evaluator != null) {
            evaluator.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PromptEvaluator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        PromptEvaluator evaluator = context.getStore(NAMESPACE).get(EVALUATOR, PromptEvaluator.class);
        if (evaluator == null) {
            throw new ParameterResolutionException("no PromptEvaluator for " + parameter.getParameter()
                    + ": register GradSumExtension on the test class (@GradSumTest), not on a method");
        }
        return evaluator;
    }

    /** The {@link GradSumTest} on the test class or, for a nested class, on a class enclosing it. */
    private static Optional<GradSumTest> settings(ExtensionContext context) {
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            Optional<GradSumTest> found = AnnotationSupport.findAnnotation(c, GradSumTest.class);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
