package io.mambastream.backbones.train;

/**
 * Loss and accuracy of a classifier on a set of items.
 *
 * @param loss mean cross-entropy
 * @param accuracy fraction classified right
 * @param items number of items
 */
public record Evaluation(double loss, double accuracy, int items) {}
