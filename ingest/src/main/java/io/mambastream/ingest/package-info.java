/**
 * The leaf of the system: {@link io.mambastream.ingest.Frame}, one decoded video frame, which every
 * source produces and every later stage consumes.
 */
package io.mambastream.ingest;
