package org.pathnorm.nn;

/**
 * A model's loss and 0-1 error on labelled samples (docs/algorithms.md §1.3: a sample is an error when
 * f_y ≤ max_{j≠y} f_j, ties and NaN included).
 *
 * <p>For regression ({@link Loss#SQUARED_ERROR}) the loss is the mean squared error and the error the
 * fraction of target values missed by {@link Loss#REGRESSION_TOLERANCE} or more.
 *
 * @param loss  the mean loss over the samples
 * @param error the fraction of misclassified samples
 */
public record Evaluation(double loss, double error) {}
