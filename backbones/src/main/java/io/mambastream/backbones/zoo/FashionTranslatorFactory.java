package io.mambastream.backbones.zoo;

import ai.djl.Model;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorFactory;
import ai.djl.util.Pair;
import io.mambastream.backbones.train.ModelArtifact;
import io.mambastream.backbones.train.ModelCard;
import io.mambastream.ingest.Frame;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Set;

/**
 * Makes the translators of a classifier directory: {@link Image} or {@link Frame} in, {@link
 * Classifications} out, with the class names and normalisation of its {@code model.json}.
 */
public final class FashionTranslatorFactory implements TranslatorFactory {

  @Override
  public Set<Pair<Type, Type>> getSupportedTypes() {
    return Set.of(
        new Pair<>(Image.class, Classifications.class),
        new Pair<>(Frame.class, Classifications.class));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <I, O> Translator<I, O> newInstance(
      Class<I> input, Class<O> output, Model model, java.util.Map<String, ?> arguments)
      throws TranslateException {
    ModelCard card;
    try {
      card = ModelArtifact.readCard(model.getModelPath());
    } catch (IOException e) {
      throw new TranslateException("cannot read the model card of " + model.getModelPath(), e);
    }
    if (output != Classifications.class) {
      throw new IllegalArgumentException("unsupported output " + output);
    }
    if (input == Image.class) {
      return (Translator<I, O>) new ImageClassifierTranslator(card);
    }
    if (input == Frame.class) {
      return (Translator<I, O>) new FrameClassifierTranslator(card);
    }
    throw new IllegalArgumentException("unsupported input " + input);
  }
}
