package io.mambastream.backbones.ssm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The vector kernel gives the same bits whether the JVM interprets it or runs it compiled: a child
 * JVM with {@code -Xint} (interpreter only) scans the same case as this warmed-up one.
 */
class FusedScanDeterminismTest {

  /** The digest of the vector kernel's output on a fixed case (softplus, gate, skip, bias). */
  static String digest(int calls) throws NoSuchAlgorithmException {
    ScanArrays in = ScanCases.random(17, 1, 6, 40, 16, ScanCases.Options.FULL);
    FusedScan scan = FusedScan.builder().optVectors(true).optThreads(1).build();
    FusedScan.Output out = scan.scan(in);
    for (int i = 1; i < calls; i++) {
      out = scan.scan(in);
    }
    ByteBuffer bytes = ByteBuffer.allocate(4 * (out.y().length + out.lastState().length));
    bytes.asFloatBuffer().put(out.y()).put(out.lastState());
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
  }

  /** Entry point of the child JVM: prints {@link #digest} of one call. */
  public static void main(String[] args) throws NoSuchAlgorithmException {
    System.out.println(digest(1));
  }

  @Test
  void theVectorKernelGivesTheSameBitsInterpretedAndCompiled() throws Exception {
    String compiled = digest(3000); // enough calls for the JIT to compile the kernel
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-Xint",
                    "--add-modules=jdk.incubator.vector",
                    "-cp",
                    System.getProperty("java.class.path"),
                    FusedScanDeterminismTest.class.getName()))
            .redirectErrorStream(false)
            .start();
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
    String stderr = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.exitValue()).as(stderr).isZero();
    String interpreted =
        new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(interpreted).isEqualTo(compiled);
  }
}
