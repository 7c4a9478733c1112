package io.mambastream.cli;

import io.mambastream.backbones.train.ClassifierConfig;
import io.mambastream.backbones.train.ModelCard;
import io.mambastream.backbones.zoo.MambaModelZoo;
import io.mambastream.backbones.zoo.ShippedModels;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zoo list|info NAME}: the models shipped in the jar (DJL group io.mambastream). */
@Command(
    name = "zoo",
    mixinStandardHelpOptions = true,
    description = {
      "List or inspect the models shipped in the jar (DJL model zoo group io.mambastream):",
      "artifact id, input shape, parameters, file size and recorded metrics."
    })
public final class ZooCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      description = "list, info NAME, or pack DIR (write DIR as a zoo archive)")
  String action;

  @Parameters(
      index = "1",
      arity = "0..1",
      description = "Artifact id (info) or model directory (pack).")
  String name;

  @Option(
      names = "--to",
      description =
          "Archive written by pack (default: backbones/src/main/resources/io/mambastream/zoo/"
              + "<name from model.json>.zip).")
  java.nio.file.Path to;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  /**
   * What the zoo says about one model.
   *
   * @param artifactId the id for {@code Criteria.optArtifactId}
   * @param groupId the zoo group
   * @param application DJL application path
   * @param url the {@code jar://} URL of the archive
   * @param inputShape (C, H, W)
   * @param config architecture and sizes
   * @param parameters number of parameters
   * @param archiveBytes size of the shipped archive
   * @param classes class names
   * @param metrics recorded metrics
   * @param training how it was trained
   */
  record ModelInfo(
      String artifactId,
      String groupId,
      String application,
      String url,
      List<Long> inputShape,
      ClassifierConfig config,
      long parameters,
      long archiveBytes,
      List<String> classes,
      Map<String, Double> metrics,
      Map<String, String> training) {}

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    switch (action) {
      case "list" -> {
        List<ModelInfo> models = new ArrayList<>();
        for (String artifact : ShippedModels.names()) {
          models.add(info(artifact));
        }
        if (json) {
          JsonOutput.print(out, Map.of("group", MambaModelZoo.GROUP_ID, "models", models));
        } else {
          for (ModelInfo m : models) {
            out.printf(
                Locale.ROOT,
                "%-20s %-22s input %s  %,d parameters  %.1f MB  test accuracy %s%n",
                m.artifactId(),
                m.application(),
                m.inputShape(),
                m.parameters(),
                m.archiveBytes() / 1e6,
                m.metrics().getOrDefault("test_accuracy", Double.NaN));
          }
        }
      }
      case "info" -> {
        if (name == null) {
          throw new IllegalArgumentException("zoo info needs an artifact id; see `zoo list`");
        }
        ModelInfo m = info(name);
        if (json) {
          JsonOutput.print(out, m);
        } else {
          out.println(JsonOutput.mapper().writeValueAsString(m));
        }
      }
      case "pack" -> {
        if (name == null) {
          throw new IllegalArgumentException("zoo pack needs a model directory");
        }
        java.nio.file.Path dir = java.nio.file.Path.of(name);
        ModelCard card = io.mambastream.backbones.train.ModelArtifact.readCard(dir);
        java.nio.file.Path target =
            to != null
                ? to
                : java.nio.file.Path.of(
                    "backbones/src/main/resources/io/mambastream/zoo", card.name() + ".zip");
        ShippedModels.pack(dir, target);
        out.println("wrote " + target + " (" + java.nio.file.Files.size(target) + " bytes)");
      }
      default ->
          throw new IllegalArgumentException("action must be list, info or pack, got " + action);
    }
    out.flush();
    return 0;
  }

  private static ModelInfo info(String artifact) throws IOException {
    ModelCard card = ShippedModels.card(artifact);
    ClassifierConfig c = card.config();
    Map<String, Double> metrics = new LinkedHashMap<>(card.metrics());
    return new ModelInfo(
        artifact,
        MambaModelZoo.GROUP_ID,
        "cv/image_classification",
        ShippedModels.jarUrl(artifact),
        List.of((long) c.inChannels(), (long) c.imageSize(), (long) c.imageSize()),
        c,
        ShippedModels.parameterCount(artifact),
        ShippedModels.archiveBytes(artifact),
        card.classes(),
        metrics,
        card.training());
  }
}
