/** Benchmarks of kernels and models, reported as rows in the {@code bench --json} schema. */
package io.mambastream.bench;
