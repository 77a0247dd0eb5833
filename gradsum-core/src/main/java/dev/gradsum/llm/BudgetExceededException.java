package dev.gradsum.llm;

import dev.gradsum.exception.GradSumException;
import dev.gradsum.model.Budget;

/** A call was not made because it would cross a {@link Budget} limit. The search stops cleanly on it. */
public class BudgetExceededException extends GradSumException {
    public BudgetExceededException(String message) {
        super(message);
    }
}
