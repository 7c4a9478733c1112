package io.mambastream.heads.eval.mot;

import java.nio.file.Path;

/** A sequence's ground-truth file and prediction file. */
public record SequencePair(String name, Path gt, Path pred) {}
