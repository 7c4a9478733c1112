package io.mambastream.heads.eval.mot;

/** Identity false positives and false negatives after the global trajectory matching. */
public record IdentityCounts(double idfp, double idfn) {}
