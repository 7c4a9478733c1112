/**
 * Fashion-MNIST (Zalando Research, MIT licensed) read from its idx files: the full set of Debian
 * package {@code dataset-fashion-mnist}, or a 100-item sample bundled with this module.
 */
package io.mambastream.ingest.fashion;
