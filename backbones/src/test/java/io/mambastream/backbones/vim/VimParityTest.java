package io.mambastream.backbones.vim;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.mambastream.backbones.FeatureMaps;
import io.mambastream.backbones.checkpoint.Checkpoints;
import io.mambastream.backbones.checkpoint.StateDict;
import io.mambastream.backbones.ssm.FusedScan;
import io.mambastream.backbones.ssm.SelectiveScan;
import io.mambastream.backbones.ssm.SequentialScan;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our VisionMamba against the official hustvl/Vim model: a 2-layer bimamba-v2 Vim with random
 * weights, run by the official code on the CPU (reference scan and conv, see docs/VIM_PARITY.md and
 * backbones/scripts/vim_parity.py), saved with its logits and class-token features for fixed
 * inputs.
 */
class VimParityTest {

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(VimParityTest.class.getResource("/vim-parity/" + name).toURI());
  }

  private static NDArray array(NDManager manager, JsonObject arrays, String name)
      throws IOException, URISyntaxException {
    JsonObject info = arrays.getAsJsonObject(name);
    long[] dims =
        info.getAsJsonArray("shape").asList().stream().mapToLong(e -> e.getAsLong()).toArray();
    ByteBuffer bytes =
        ByteBuffer.wrap(Files.readAllBytes(fixture(info.get("file").getAsString())))
            .order(ByteOrder.LITTLE_ENDIAN);
    float[] values = new float[bytes.remaining() / 4];
    bytes.asFloatBuffer().get(values);
    return manager.create(values, new Shape(dims));
  }

  /** max |ours − reference| / max |reference|. */
  private static double relativeError(NDArray ours, NDArray reference) {
    float[] a = ours.toFloatArray();
    float[] b = reference.toFloatArray();
    assertThat(a).hasSameSizeAs(b);
    double maxDiff = 0;
    double maxRef = 0;
    for (int i = 0; i < a.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
      maxRef = Math.max(maxRef, Math.abs(b[i]));
    }
    return maxDiff / maxRef;
  }

  /** Each checkpoint format once, each through another scan. */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("vim-parity.pth", new SequentialScan()),
        Arguments.of("vim-parity.safetensors", FusedScan.builder().build()));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void logitsMatchTheOfficialImplementation(String checkpoint, SelectiveScan scan)
      throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      JsonObject manifest =
          JsonParser.parseString(Files.readString(fixture("fixture.json"))).getAsJsonObject();
      JsonObject arrays = manifest.getAsJsonObject("arrays");
      StateDict weights = Checkpoints.read(fixture(checkpoint));
      VisionMamba model = VimArchitecture.load(weights, manager, scan);
      JsonObject config = manifest.getAsJsonObject("config");
      assertThat(model.embedDim()).isEqualTo(config.get("embed_dim").getAsInt());
      assertThat(model.depth()).isEqualTo(config.get("depth").getAsInt());
      assertThat(model.imageSize()).isEqualTo(config.get("img_size").getAsInt());
      assertThat(model.numClasses()).isEqualTo(config.get("num_classes").getAsInt());
      assertThat(model.classTokenPosition()).isEqualTo(8); // 16 patches, the middle

      NDArray inputs = array(manager, arrays, "inputs");
      ParameterStore store = new ParameterStore(manager, false);
      FeatureMaps features = model.extract(store, inputs, false);
      NDArray logits = model.forward(store, new NDList(inputs), false).singletonOrThrow();

      assertThat(
              relativeError(
                  features.classEmbedding().orElseThrow(),
                  array(manager, arrays, "class_features")))
          .as("class-token features")
          .isLessThan(1e-4);
      assertThat(relativeError(logits, array(manager, arrays, "logits")))
          .as("logits")
          .isLessThan(1e-4);
    }
  }
}
