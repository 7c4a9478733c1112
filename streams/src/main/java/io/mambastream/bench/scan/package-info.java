/**
 * The selective-scan benchmark behind {@code bench scan}: cases, PyTorch reference and CPU floor.
 */
package io.mambastream.bench.scan;
