package io.mambastream.heads.eval.fid;

/**
 * A Fréchet distance and its terms: {@code fid = meanTerm + traceA + traceB − 2·traceSqrt}.
 *
 * @param fid the distance d²
 * @param meanTerm ‖μ₁ − μ₂‖²
 * @param traceA Tr Σ₁
 * @param traceB Tr Σ₂
 * @param traceSqrt Tr √(Σ₁Σ₂)
 * @param countA rows in the first set
 * @param countB rows in the second set
 * @param dimension feature width d
 */
public record FidResult(
    double fid,
    double meanTerm,
    double traceA,
    double traceB,
    double traceSqrt,
    int countA,
    int countB,
    int dimension) {}
