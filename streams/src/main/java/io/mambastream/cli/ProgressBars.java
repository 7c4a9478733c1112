package io.mambastream.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars of long commands, drawn on the command's stderr so stdout keeps only results. */
final class ProgressBars {
  private ProgressBars() {}

  /** Returns a started bar of {@code total} {@code unit}s named {@code task}. */
  static ProgressBar open(PrintWriter err, String task, long total, String unit) {
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .setUnit(" " + unit, 1)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(250)
        .setConsumer(
            new DelegatingProgressBarConsumer(
                line -> {
                  err.print('\r' + line);
                  err.flush();
                },
                120))
        .build();
  }
}
