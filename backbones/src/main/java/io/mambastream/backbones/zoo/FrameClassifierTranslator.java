package io.mambastream.backbones.zoo;

import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.mambastream.backbones.train.ModelCard;
import io.mambastream.ingest.Frame;
import io.mambastream.ingest.PixelFormat;
import java.nio.ByteBuffer;

/** Classifies a {@link Frame} (gray, RGB or BGR) with the same preprocessing as images. */
public final class FrameClassifierTranslator implements Translator<Frame, Classifications> {

  private final FashionPreprocessing preprocessing;
  private final ClassificationOutput output;

  /** A translator for the model described by {@code card}. */
  public FrameClassifierTranslator(ModelCard card) {
    this.preprocessing = new FashionPreprocessing(card);
    this.output = new ClassificationOutput(card.classes());
  }

  @Override
  public NDList processInput(TranslatorContext ctx, Frame frame) {
    int channels = frame.format().channels();
    NDArray hwc =
        ctx.getNDManager()
            .create(
                ByteBuffer.wrap(frame.pixels()),
                new Shape(frame.height(), frame.width(), channels),
                DataType.UINT8);
    if (frame.format() == PixelFormat.BGR24) {
      hwc = hwc.flip(2); // to RGB
    }
    return new NDList(preprocessing.apply(hwc));
  }

  @Override
  public Classifications processOutput(TranslatorContext ctx, NDList list) {
    return output.apply(list);
  }
}
