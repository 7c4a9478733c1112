/**
 * MovingFashion: synthetic video clips of Fashion-MNIST items moving over procedural backgrounds,
 * with exact ground truth (boxes, classes, instance and semantic masks, track ids, visibility).
 *
 * <p>Everything is a pure function of the clip seed: the generator uses its own SplitMix64
 * generator ({@link io.mambastream.ingest.scenes.SceneRandom}), IEEE double arithmetic (strict in
 * Java 17) and {@link java.lang.StrictMath}, so a seed gives the same pixels on every JVM and
 * machine.
 */
package io.mambastream.ingest.scenes;
