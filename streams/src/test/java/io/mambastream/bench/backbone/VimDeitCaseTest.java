package io.mambastream.bench.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.mambastream.backbones.ssm.SelectiveScan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VimDeitCaseTest {
  private static final SelectiveScan CHUNKED = BackboneBench.scanFor("chunked", Device.cpu(), 1);
  private static final SelectiveScan SEQUENTIAL =
      BackboneBench.scanFor("sequential", Device.cpu(), 1);

  private static List<String> names(List<VimDeitCase> cases) {
    return cases.stream()
        .map(
            item ->
                item.model()
                    + "@"
                    + item.params().getOrDefault("scan", "-")
                    + " "
                    + item.px()
                    + "x"
                    + item.batch())
        .toList();
  }

  @Test
  void vimAndDeitAlternateSizesOutermostThenTheFurtherScansOnlyForVim() {
    List<VimDeitCase> cases =
        VimDeitCase.inOrder(
            List.of(CHUNKED, SEQUENTIAL),
            List.of("vim-tiny", "deit-tiny"),
            List.of(32, 64),
            List.of(1, 2));
    // 2 sizes x 2 batches x (vim, deit) with the first scan, then 2 x 2 Vim cases with the second.
    assertThat(names(cases))
        .containsExactly(
            "vim-tiny@chunked 32x1",
            "deit-tiny@- 32x1",
            "vim-tiny@chunked 32x2",
            "deit-tiny@- 32x2",
            "vim-tiny@chunked 64x1",
            "deit-tiny@- 64x1",
            "vim-tiny@chunked 64x2",
            "deit-tiny@- 64x2",
            "vim-tiny@sequential 32x1",
            "vim-tiny@sequential 32x2",
            "vim-tiny@sequential 64x1",
            "vim-tiny@sequential 64x2");
  }

  @Test
  void onlyTheChosenModelsAndParamsStartWithSizeAndBatch() {
    List<VimDeitCase> cases =
        VimDeitCase.inOrder(
            List.of(CHUNKED, SEQUENTIAL), List.of("deit-tiny"), List.of(48), List.of(3));
    assertThat(names(cases)).containsExactly("deit-tiny@- 48x3");
    assertThat(cases.get(0).params()).containsExactly(Map.entry("px", 48), Map.entry("batch", 3));
  }
}
