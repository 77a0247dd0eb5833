package dev.gradsum.llm;

import dev.gradsum.model.Budget;
import dev.gradsum.exception.GradSumException;

/** A call was not made because it would cross a {@link Budget} limit. The search stops cleanly on it. */
public class BudgetExceededException extends GradSumException {
    public BudgetExceededException(String message) {
        super(message);
    }
}
