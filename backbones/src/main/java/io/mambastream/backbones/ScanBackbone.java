package io.mambastream.backbones;

import io.mambastream.backbones.ssm.SelectiveScan;

/**
 * A backbone built of Mamba mixers whose selective scan can be swapped after construction: the
 * differentiable scan for training, a fused kernel for inference (Vim, PlainMamba, VMamba).
 */
public interface ScanBackbone {

  /** Makes every mixer use {@code scan}. */
  void setScan(SelectiveScan scan);
}
