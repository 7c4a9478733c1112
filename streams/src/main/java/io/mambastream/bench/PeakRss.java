package io.mambastream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resident-set high-water mark of this process (Linux {@code VmHWM}), resettable per
 * measurement by writing 5 to {@code /proc/self/clear_refs}.
 *
 * <p>It is the whole process (JVM heap, code, libtorch's native allocations), so a row's peak
 * includes what was resident before the row started; it is what the operating system had to give
 * the process, not an allocator's count.
 */
public final class PeakRss {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");
  private static final Pattern HWM = Pattern.compile("VmHWM:\\s+(\\d+) kB");
  private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

  private PeakRss() {}

  /** Returns whether the counters exist (Linux). */
  public static boolean isAvailable() {
    return Files.isReadable(STATUS) && Files.isWritable(CLEAR_REFS);
  }

  /** Resets the high-water mark to the current resident set; does nothing where unsupported. */
  public static void reset() {
    try {
      Files.writeString(CLEAR_REFS, "5");
    } catch (IOException | SecurityException e) {
      // Unsupported: the mark then covers the process's whole life, which peakMb still reports.
    }
  }

  /** Returns the high-water mark in MiB, or NaN where unsupported. */
  public static double peakMb() {
    return read(HWM);
  }

  /** Returns the current resident set in MiB, or NaN where unsupported. */
  public static double currentMb() {
    return read(RSS);
  }

  private static double read(Pattern field) {
    try {
      Matcher m = field.matcher(Files.readString(STATUS));
      return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN;
    } catch (IOException | SecurityException e) {
      return Double.NaN;
    }
  }
}
