package io.mambastream.heads.eval.mot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MotFileReaderTest {
  @TempDir Path dir;

  @Test
  void readsCommaAndSpaceSeparatedLinesIgnoringExtraColumns() throws Exception {
    Path file = dir.resolve("s.txt");
    Files.writeString(
        file, "1,3,10.5,20,30,40,0.9,-1,-1,-1\n\n2.0 4 1 2 3 4\n3, 5, 1, 2, 3, 4, 0, 1, 0.5\n");
    MotSequence s = MotFileReader.read(file, "s");
    assertThat(s.boxes())
        .containsExactly(
            new MotBox(1, 3, 10.5, 20, 30, 40, 0.9),
            new MotBox(2, 4, 1, 2, 3, 4, 1.0),
            new MotBox(3, 5, 1, 2, 3, 4, 0));
    assertThat(s.withMinConfidence(0.5).boxes()).hasSize(2);
  }

  @Test
  void malformedLinesNameFileAndLine() throws Exception {
    Path file = dir.resolve("bad.txt");
    Files.writeString(file, "1,1,0,0,5,5,1\n2,1,0,0,5\n");
    assertThatThrownBy(() -> MotFileReader.read(file, "bad"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(file + ":2: expected at least 6 fields");
    Files.writeString(file, "1,1.5,0,0,5,5\n");
    assertThatThrownBy(() -> MotFileReader.read(file, "bad"))
        .hasMessage(file + ":1: id must be an integer, got '1.5'");
    Files.writeString(file, "1,1,0,zero,5,5\n");
    assertThatThrownBy(() -> MotFileReader.read(file, "bad"))
        .hasMessage(file + ":1: y is not a number: 'zero'");
    Files.writeString(file, "1,1,0,0,-5,5\n");
    assertThatThrownBy(() -> MotFileReader.read(file, "bad"))
        .hasMessageContaining(":1: negative box size");
    Files.writeString(file, "1,1,0,0,5,5\n1,2,0,0,5,5\n1,1,3,3,5,5\n");
    assertThatThrownBy(() -> MotFileReader.read(file, "bad"))
        .hasMessage(file + ":3: id 1 appears twice in frame 1 (first at line 1)");
  }
}
