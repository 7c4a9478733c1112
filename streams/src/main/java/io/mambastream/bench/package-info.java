/**
 * A small benchmark harness shared by the {@code bench} commands: timing, rows, reports, machine
 * description, CPU peaks, tables and charts.
 */
package io.mambastream.bench;
