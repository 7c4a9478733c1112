package io.mambastream.heads.eval.mot;

/**
 * One line of a MOTChallenge file: a box of object {@code id} in {@code frame}, top-left corner
 * ({@code x}, {@code y}), width {@code w}, height {@code h}, in pixels, and the confidence column.
 */
public record MotBox(int frame, int id, double x, double y, double w, double h, double conf) {}
