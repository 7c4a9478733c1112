package io.mambastream.heads.eval.mot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequencePairingTest {
  @TempDir Path dir;

  @Test
  void pairsFlatFilesWithMotChallengeFolders() throws Exception {
    Path gt = Files.createDirectories(dir.resolve("gt"));
    Path pred = Files.createDirectories(dir.resolve("pred"));
    Path a = write(gt.resolve("A/gt/gt.txt"));
    Path b = write(gt.resolve("B.txt"));
    Path pa = write(pred.resolve("A.txt"));
    Path pb = write(pred.resolve("B/gt/gt.txt"));
    assertThat(SequencePairing.pair(gt, pred))
        .containsExactly(new SequencePair("A", a, pa), new SequencePair("B", b, pb));
  }

  @Test
  void singleFilesTakeTheGroundTruthName() throws Exception {
    Path gt = write(dir.resolve("MOT-02/gt/gt.txt"));
    Path pred = write(dir.resolve("tracker.txt"));
    assertThat(SequencePairing.pair(gt, pred))
        .containsExactly(new SequencePair("MOT-02", gt, pred));
  }

  @Test
  void unpairedSequencesAreListed() throws Exception {
    Path gt = Files.createDirectories(dir.resolve("gt"));
    Path pred = Files.createDirectories(dir.resolve("pred"));
    write(gt.resolve("A.txt"));
    write(gt.resolve("B.txt"));
    write(pred.resolve("A.txt"));
    write(pred.resolve("C.txt"));
    assertThatThrownBy(() -> SequencePairing.pair(gt, pred))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without predictions [B], without ground truth [C]");
    assertThatThrownBy(() -> SequencePairing.pair(gt, pred.resolve("A.txt")))
        .hasMessageContaining("both be files or both be folders");
  }

  private static Path write(Path file) throws Exception {
    Files.createDirectories(file.getParent());
    Files.write(file, List.of("1,1,0,0,5,5,1"));
    return file;
  }
}
