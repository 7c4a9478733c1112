package io.mambastream.backbones.ssm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mambastream.backbones.DirectMemory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One seeded random scan problem ({@link ScanCase}, {@link SsdCase}): named input arrays and how a
 * scan of type {@code S} maps them to the named outputs "y" and "lastState".
 *
 * @param <S> the scan interface the case runs ({@link SelectiveScan} or {@link SsdScan})
 */
interface RandomCase<S> {

  /**
   * Returns the random seed of the arrays; the loss weights of {@link #withGradients} use seed + 1.
   */
  long seed();

  /** Returns the case without any mask. */
  RandomCase<S> unmasked();

  /** Creates the named input arrays in {@code manager}; the same seed gives the same arrays. */
  Map<String, NDArray> arrays(NDManager manager);

  /** Runs {@code scan} on {@code arrays} (from {@link #arrays}): values "y" and "lastState". */
  Map<String, NDArray> outputs(S scan, Map<String, NDArray> arrays);

  /** Runs {@code scan} forward only on fresh arrays: values "y" and "lastState". */
  default Map<String, NDArray> forward(S scan, NDManager manager) {
    return outputs(scan, arrays(manager));
  }

  /**
   * Runs {@code scan} forward and backward (see {@link Gradients#run}): values "y", "lastState" and
   * "grad " + the name of every float input.
   */
  default Map<String, NDArray> withGradients(S scan, NDManager manager) {
    return withGradients(scan, manager, () -> {});
  }

  /** As {@link #withGradients(Object, NDManager)}, running {@code beforeBackward} after forward. */
  default Map<String, NDArray> withGradients(S scan, NDManager manager, Runnable beforeBackward) {
    return Gradients.run(
        arrays(manager),
        Set.of("keptMask"),
        arrays -> outputs(scan, arrays),
        seed() + 1,
        beforeBackward);
  }

  /**
   * Returns, per output, the relative error of this masked case run with its kept-mask set to all
   * ones against the same arrays run without a mask; keeping every token must change nothing.
   */
  default Map<String, Double> allOnesMaskErrors(S scan, NDManager manager) {
    Map<String, NDArray> arrays = arrays(manager);
    arrays.put("keptMask", arrays.get("keptMask").onesLike());
    return RelativeError.ofEach(outputs(scan, arrays), unmasked().outputs(scan, arrays));
  }

  /**
   * Returns the names of the values of {@link #withGradients} whose bits change when unreachable
   * direct memory is freed between forward and backward (as a garbage collection may do); a scan
   * whose backward reads only what autograd keeps alive gives none (see AutogradSafe).
   */
  default List<String> valuesChangedByACollection(S scan, NDManager manager) {
    Map<String, NDArray> plain = withGradients(scan, manager);
    Map<String, NDArray> collected = withGradients(scan, manager, DirectMemory::freeUnreachable);
    Set<String> names = new TreeSet<>(plain.keySet());
    names.addAll(collected.keySet());
    return names.stream()
        .filter(
            name ->
                !plain.containsKey(name)
                    || !collected.containsKey(name)
                    || !Arrays.equals(
                        plain.get(name).toFloatArray(), collected.get(name).toFloatArray()))
        .toList();
  }
}
