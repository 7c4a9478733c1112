package io.mambastream.bench.backbone;

import io.mambastream.backbones.ssm.SelectiveScan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One case of a Vim-Ti against DeiT-Ti benchmark (inference or training step): a model at an image
 * size and batch.
 *
 * @param model {@code vim-tiny} or {@code deit-tiny}
 * @param scan the scan of Vim's Mamba layers; for DeiT, which has none, the first scan
 * @param px the square image size in pixels
 * @param batch the batch size
 */
public record VimDeitCase(String model, SelectiveScan scan, int px, int batch) {

  /**
   * Returns the cases in the order measured: first Vim with the first scan and DeiT, sizes
   * outermost, Vim and DeiT alternating so that load drifts hit both; then Vim with each further
   * scan over the same cases (so a total time budget cuts the extra scans first). Only the cases of
   * {@code models} are returned.
   */
  public static List<VimDeitCase> inOrder(
      List<SelectiveScan> scans, List<String> models, List<Integer> sizes, List<Integer> batches) {
    List<VimDeitCase> cases = new ArrayList<>();
    for (int pass = 0; pass < scans.size(); pass++) {
      SelectiveScan scan = scans.get(pass);
      List<String> names = pass == 0 ? List.of("vim-tiny", "deit-tiny") : List.of("vim-tiny");
      for (int px : sizes) {
        for (int batch : batches) {
          for (String model : names) {
            if (models.contains(model)) {
              cases.add(
                  new VimDeitCase(
                      model, model.equals("vim-tiny") ? scan : scans.get(0), px, batch));
            }
          }
        }
      }
    }
    return cases;
  }

  /** Returns the case's parameters: {@code px}, {@code batch} and, for Vim, the {@code scan} id. */
  public Map<String, Object> params() {
    Map<String, Object> params = BackboneBench.params(px, batch);
    if (model.equals("vim-tiny")) {
      params.put("scan", scan.id());
    }
    return params;
  }
}
