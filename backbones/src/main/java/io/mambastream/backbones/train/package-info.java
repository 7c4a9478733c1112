/** Training image classifiers on Fashion-MNIST: data, AdamW, schedules, checkpoints, the loop. */
package io.mambastream.backbones.train;
