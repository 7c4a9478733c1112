package io.mambastream.backbones.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads model weights from PyTorch {@code .pth} archives and safetensors files, and writes
 * safetensors (the format of the weights this project ships).
 *
 * <pre>{@code
 * StateDict weights = Checkpoints.read(Path.of("vim_t_midclstok_76p1acc.pth"));
 * StateDictCheck.builder().setExpected(expectedShapes).build().verify(weights); // name → Shape
 * NDArray inProj = weights.toNDArray("layers.0.mixer.in_proj.weight", manager); // (768, 192)
 * }</pre>
 *
 * <p>The format is recognised from the content: a zip is a {@code torch.save} archive; an 8-byte
 * length followed by {@code '{'}, or any other file named {@code *.safetensors}, is safetensors. Every failure names the file
 * and the reason in a {@link CheckpointFormatException}.
 */
public final class Checkpoints {
  private Checkpoints() {}

  /**
   * Reads the state dict of a {@code .pth} or safetensors file. For {@code .pth}, a bare state dict
   * is read as it is; a dict of entries yields its {@code "model"} entry, or its only state dict.
   *
   * @throws CheckpointFormatException when the file is broken, hostile, ambiguous or unsupported
   */
  public static StateDict read(Path file) throws IOException {
    return read(file, null);
  }

  /**
   * Reads the state dict held under top-level key {@code entry} of a {@code .pth} file (such as
   * {@code "model_ema"}); with a null entry, as {@link #read(Path)}.
   *
   * @throws IllegalArgumentException when an entry is named for a safetensors file
   * @throws CheckpointFormatException when the file is broken, hostile or lacks the entry
   */
  public static StateDict read(Path file, String entry) throws IOException {
    if (isSafetensors(file)) {
      if (entry != null) {
        throw new IllegalArgumentException(
            file + " is a safetensors file: it has no entry '" + entry + "'");
      }
      return Safetensors.read(file);
    }
    return PthReader.read(file, entry);
  }

  /**
   * Writes {@code weights} (tensors in their order, and metadata) as a safetensors file, replacing
   * {@code file} atomically.
   */
  public static void writeSafetensors(Path file, StateDict weights) throws IOException {
    Safetensors.write(file, weights);
  }

  private static boolean isSafetensors(Path file) throws IOException {
    byte[] head = new byte[9];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    boolean zip = n >= 2 && head[0] == 'P' && head[1] == 'K';
    boolean named = file.getFileName().toString().endsWith(".safetensors");
    return !zip && (named || (n == head.length && head[8] == '{'));
  }
}
