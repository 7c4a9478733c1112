package io.mambastream.heads.assign;

/** One assigned pair: row {@code row} of the cost matrix goes with column {@code col}. */
public record Match(int row, int col) {}
