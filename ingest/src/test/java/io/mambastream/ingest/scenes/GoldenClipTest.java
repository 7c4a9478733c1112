package io.mambastream.ingest.scenes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Same seed, same bytes on any machine: the digest of one clip (pixels, semantic masks, boxes and
 * RLE strings) must equal the one recorded when the generator was written (OpenJDK 17, x86-64).
 * Another JVM, OS or CPU giving another digest is a determinism bug. A deliberate change of the
 * generator changes it too: then record the new digest and say so in the commit message.
 */
class GoldenClipTest {
  private static final String RECORDED =
      "5578192634a0838ab74afbc7ccd6582551fe941d918011a36f8c29edd515f747";

  @Test
  void clipDigestIsTheRecordedOne() throws NoSuchAlgorithmException {
    SceneConfig config =
        SceneConfig.builder()
            .optSize(96, 64)
            .optScale(12, 40)
            .optItems(2, 8)
            .optClipLength(8)
            .build();
    SceneSource clip =
        new SceneGenerator(config, ItemPool.bundledSample()).clip(SceneSplit.TEST, 17);
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    while (clip.hasNext()) {
      SceneFrame frame = clip.next();
      digest.update(frame.image().pixels());
      digest.update(frame.semanticMask());
      for (ObjectTruth o : frame.objects()) {
        digest.update(
            ByteBuffer.allocate(36)
                .putInt(o.trackId())
                .putInt(o.category())
                .putInt(o.item())
                .putInt(o.box().x())
                .putInt(o.box().y())
                .putInt(o.box().w())
                .putInt(o.box().h())
                .putDouble(o.visibility())
                .array());
        digest.update(o.mask().toCompressedString().getBytes(StandardCharsets.US_ASCII));
      }
    }
    assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(RECORDED);
  }
}
