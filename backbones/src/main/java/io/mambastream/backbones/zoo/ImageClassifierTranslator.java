package io.mambastream.backbones.zoo;

import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.mambastream.backbones.train.ModelCard;

/** Classifies a DJL {@link Image}: grayscale, resize, normalise as in training; softmax out. */
public final class ImageClassifierTranslator implements Translator<Image, Classifications> {

  private final FashionPreprocessing preprocessing;
  private final ClassificationOutput output;

  /** A translator for the model described by {@code card}. */
  public ImageClassifierTranslator(ModelCard card) {
    this.preprocessing = new FashionPreprocessing(card);
    this.output = new ClassificationOutput(card.classes());
  }

  @Override
  public NDList processInput(TranslatorContext ctx, Image input) {
    return new NDList(
        preprocessing.apply(input.toNDArray(ctx.getNDManager(), Image.Flag.COLOR))); // (1, S, S)
  }

  @Override
  public Classifications processOutput(TranslatorContext ctx, NDList list) {
    return output.apply(list);
  }
}
