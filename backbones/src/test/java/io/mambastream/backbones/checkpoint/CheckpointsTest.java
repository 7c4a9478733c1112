package io.mambastream.backbones.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading the fixture files torch 1.13 wrote, and refusing the broken and hostile ones. */
class CheckpointsTest {

  @Test
  void readsTheModelEntryWithEveryDtypeViewAndSharedStorage() throws Exception {
    StateDict weights = Checkpoints.read(Fixtures.path("wrapped.pth"));
    Fixtures.assertMatchesTorch(weights, "wrapped.pth");
    assertThat(weights.metadata()).isEmpty();
  }

  @Test
  void readsABareStateDict() throws Exception {
    Fixtures.assertMatchesTorch(Checkpoints.read(Fixtures.path("bare.pth")), "bare.pth");
  }

  @Test
  void prefersTheModelEntryOverModelEma() throws Exception {
    Fixtures.assertMatchesTorch(
        Checkpoints.read(Fixtures.path("model_and_ema.pth")), "model_and_ema.pth");
  }

  @Test
  void readsANamedEntry() throws Exception {
    StateDict teacher = Checkpoints.read(Fixtures.path("ambiguous.pth"), "teacher");
    Fixtures.assertMatchesTorch(teacher, "ambiguous.pth#teacher");
  }

  @Test
  void readsAHandCraftedArchiveWithAByteorderEntry() throws Exception {
    Fixtures.assertMatchesTorch(
        Checkpoints.read(Fixtures.path("crafted_ok.pth")), "crafted_ok.pth");
  }

  @Test
  void readsTheArchiveLayoutOfTorch2() throws Exception {
    // torch 2.13 adds byteorder, .format_version, .storage_alignment and .data/serialization_id
    Fixtures.assertMatchesTorch(
        Checkpoints.read(Fixtures.path("wrapped_torch2.pth")), "wrapped_torch2.pth");
  }

  @Test
  void readsSafetensorsWrittenByTheSafetensorsLibrary() throws Exception {
    StateDict weights = Checkpoints.read(Fixtures.path("official.safetensors"));
    Fixtures.assertMatchesTorch(weights, "official.safetensors");
    assertThat(weights.metadata()).containsExactly(Map.entry("format", "pt"));
  }

  @Test
  void readsSafetensorsWithMetadata() throws Exception {
    StateDict weights = Checkpoints.read(Fixtures.path("weights.safetensors"));
    Fixtures.assertMatchesTorch(weights, "weights.safetensors");
    assertThat(weights.metadata())
        .containsExactly(Map.entry("format", "pt"), Map.entry("arch", "test"));
  }

  @Test
  void writesSafetensorsByteForByteAsThePythonScript(@TempDir Path dir) throws Exception {
    // make_fixtures.py writes compact JSON padded with spaces to 8 bytes, tensors in order: the
    // same bytes our writer must produce for the same tensors and metadata.
    Path original = Fixtures.path("weights.safetensors");
    Path copy = dir.resolve("copy.safetensors");
    Checkpoints.writeSafetensors(copy, Checkpoints.read(original));
    assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(original));
  }

  @Test
  void convertsPthToSafetensorsAndBack(@TempDir Path dir) throws Exception {
    StateDict weights = Checkpoints.read(Fixtures.path("wrapped.pth"));
    Path file = dir.resolve("wrapped.safetensors");
    Checkpoints.writeSafetensors(file, weights);
    StateDict back = Checkpoints.read(file);
    assertThat(back.tensors()).isEqualTo(weights.tensors());
    Fixtures.assertMatchesTorch(back, "wrapped.pth");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file); // no temporary file left behind
    }
  }

  @Test
  void refusesAnAmbiguousFileNamingItsStateDicts() {
    assertThatThrownBy(() -> Checkpoints.read(Fixtures.path("ambiguous.pth")))
        .isInstanceOf(CheckpointFormatException.class)
        .hasMessageContaining("ambiguous")
        .hasMessageContaining("student")
        .hasMessageContaining("teacher");
  }

  @Test
  void refusesAMissingEntry() {
    assertThatThrownBy(() -> Checkpoints.read(Fixtures.path("wrapped.pth"), "state_dict"))
        .isInstanceOf(CheckpointFormatException.class)
        .hasMessageContaining("no top-level entry 'state_dict'");
  }

  @Test
  void refusesToNameAnEntryOfASafetensorsFile() {
    assertThatThrownBy(() -> Checkpoints.read(Fixtures.path("weights.safetensors"), "model"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "evil_os_system.pth    | Python global 'os.system', which is not on the allowlist",
        "evil_stack_global.pth | Python global 'builtins.eval'",
        "with_args.pth         | Python global 'argparse.Namespace'",
        "truncated.pth         | not a complete zip archive",
        "short_storage.pth     | holds 4 bytes, the pickle claims 4000",
        "huge_shape.pth        | overflows 64-bit arithmetic",
        "view_past_end.pth     | reaches element 4 of a storage of 4",
        "missing_storage.pth   | storage entry archive/data/7 is missing",
        "legacy.pth            | legacy torch.save format",
      })
  void refuses(String fixture, String reason) {
    Path file = Fixtures.path(fixture);
    assertThatThrownBy(() -> Checkpoints.read(file))
        .isInstanceOf(CheckpointFormatException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining(reason);
  }

  @Test
  void refusesAGlobalOffTheAllowlistWithAHowTo() {
    assertThatThrownBy(() -> Checkpoints.read(Fixtures.path("with_args.pth")))
        .hasMessageContaining("torch.save({'model': ckpt['model']}");
  }
}
