package io.mambastream.bench.backbone;

import ai.djl.Device;
import io.mambastream.backbones.ssm.SelectiveScan;
import io.mambastream.bench.BenchHarness;
import io.mambastream.bench.BenchRow;
import io.mambastream.bench.CaseBudget;
import io.mambastream.bench.PeakMemory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A benchmark of Vim-Ti against DeiT-Ti with a row per (model, image size, batch) and per scan of
 * Vim: inference ({@link BackboneBench}) or a training step.
 *
 * <p>This base resolves the scans, picks how peak memory is measured ({@link PeakMemory}) and runs
 * the cases in the order of {@link VimDeitCase#inOrder} within the total time budget ({@link
 * CaseBudget}); a subclass writes each row's params and measures it.
 */
public abstract class VimDeitBench {
  /** The models, in the order measured. */
  public static final List<String> MODELS = List.of("vim-tiny", "deit-tiny");

  private final List<SelectiveScan> scans;
  private final PeakMemory memory;
  private final BenchHarness harness;

  /**
   * Resolves the scans {@code ids} through {@code scanFor} (see {@link #distinctScans}) and the
   * memory measure for {@code device}; rows are measured with {@code harness}.
   *
   * @throws IllegalArgumentException if a scan does not exist for the device
   */
  protected VimDeitBench(
      List<String> ids,
      Function<String, SelectiveScan> scanFor,
      Device device,
      BenchHarness harness) {
    this.scans = distinctScans(ids, scanFor);
    this.memory = PeakMemory.of(device);
    this.harness = harness;
  }

  /**
   * Checks the cases of a Vim against DeiT benchmark and its total time budget.
   *
   * @param what what the command calls a model ("row", "model"), for the message
   * @throws IllegalArgumentException if a model is not one of {@link #MODELS}; there is no size,
   *     batch, device or scan; a size is not a positive multiple of 16, a batch or the budget not
   *     positive
   */
  public static void checkCases(
      String what,
      List<String> models,
      List<Integer> sizes,
      List<Integer> batches,
      Device device,
      List<String> scans,
      double maxTotalSeconds) {
    for (String model : models) {
      if (!MODELS.contains(model)) {
        throw new IllegalArgumentException("unknown " + what + " " + model + "; known: " + MODELS);
      }
    }
    if (sizes.isEmpty() || batches.isEmpty()) {
      throw new IllegalArgumentException("give at least one size and one batch");
    }
    for (int px : sizes) {
      if (px < 16 || px % 16 != 0) {
        throw new IllegalArgumentException("sizes must be positive multiples of 16, got " + px);
      }
    }
    for (int batch : batches) {
      if (batch < 1) {
        throw new IllegalArgumentException("batches must be positive, got " + batch);
      }
    }
    if (device == null || scans.isEmpty()) {
      throw new IllegalArgumentException("a device and at least one scan must be given");
    }
    CaseBudget.check(maxTotalSeconds);
  }

  /**
   * Returns the scans that {@code ids} resolve to through {@code scanFor}, in order, the first of
   * those with the same {@link SelectiveScan#id()} only (auto and cuda on a GPU give one, say).
   */
  public static List<SelectiveScan> distinctScans(
      List<String> ids, Function<String, SelectiveScan> scanFor) {
    Map<String, SelectiveScan> resolved = new LinkedHashMap<>();
    for (String id : ids) {
      SelectiveScan scan = scanFor.apply(id);
      resolved.putIfAbsent(scan.id(), scan);
    }
    return List.copyOf(resolved.values());
  }

  /** Returns the scans Vim runs with, one row each. */
  public List<SelectiveScan> scans() {
    return scans;
  }

  /** Returns how peak memory is measured. */
  public PeakMemory memory() {
    return memory;
  }

  /** Returns the harness that measures each row: warm-up, timed runs and the row's time budget. */
  protected BenchHarness harness() {
    return harness;
  }

  /**
   * Measures every case of {@code models} at {@code sizes} and {@code batches}, in the order of
   * {@link VimDeitCase#inOrder}; a case that would start after {@code maxTotalSeconds} or fails in
   * the engine becomes a row with an error.
   */
  protected final List<BenchRow> run(
      List<String> models, List<Integer> sizes, List<Integer> batches, double maxTotalSeconds) {
    CaseBudget budget = new CaseBudget(maxTotalSeconds);
    List<BenchRow> rows = new ArrayList<>();
    for (VimDeitCase item : VimDeitCase.inOrder(scans, models, sizes, batches)) {
      Map<String, Object> params = params(item);
      rows.add(budget.measure(item.model(), params, left -> measure(item, params, left)));
    }
    return rows;
  }

  /** Returns the params of the case's row, {@link VimDeitCase#params()} and more. */
  protected abstract Map<String, Object> params(VimDeitCase item);

  /**
   * Measures the case, with {@code secondsLeft} of the total budget; an engine failure may be
   * thrown (after the case's resources are freed).
   */
  protected abstract BenchRow measure(
      VimDeitCase item, Map<String, Object> params, double secondsLeft);
}
