package io.mambastream.demo;

import ai.djl.Device;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mambastream.backbones.ssm.ChunkedScan;
import io.mambastream.backbones.ssm.FusedScan;
import io.mambastream.backbones.ssm.ScanChoice;
import io.mambastream.backbones.ssm.SelectiveScan;
import io.mambastream.backbones.vim.VisionMamba;
import io.mambastream.backbones.zoo.Classifier;
import io.mambastream.ingest.fashion.FashionMnist;
import io.mambastream.ingest.scenes.ItemPool;
import io.mambastream.ingest.scenes.ObjectTruth;
import io.mambastream.ingest.scenes.SceneConfig;
import io.mambastream.ingest.scenes.SceneFrame;
import io.mambastream.ingest.scenes.SceneGenerator;
import io.mambastream.ingest.scenes.SceneSource;
import io.mambastream.ingest.scenes.SceneSplit;
import io.mambastream.ingest.scenes.dataset.DatasetSummary;
import io.mambastream.ingest.scenes.dataset.PreviewImage;
import io.mambastream.ingest.scenes.dataset.ProgressListener;
import io.mambastream.ingest.scenes.dataset.SceneDatasetWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Runs what exists end to end on bundled input, without the Fashion-MNIST package or a network:
 *
 * <ol>
 *   <li>render a MovingFashion test clip from the bundled Fashion-MNIST sample and write it with
 *       its ground truth (PNG frames, COCO JSON, semantic masks, MOTChallenge gt.txt);
 *   <li>draw every frame's boxes, track ids and classes into annotated PNGs;
 *   <li>cut every mostly visible object out of its frame and classify it with the shipped
 *       Fashion-MNIST classifier ({@code vim-tiny-fashion});
 *   <li>run the first frames through a Vision Mamba (Vim-Ti size, seeded random weights until a
 *       trained detector exists) with the fused CPU scan and a second scan on the configured device
 *       (the chunked scan on the CPU; on a GPU our CUDA scan when it is built, else the chunked
 *       scan), and check that both give the same features.
 * </ol>
 *
 * <p>The classifier and the second scan run on the configured device (inputs created there, the
 * model's weights copied there once by its parameter store); the fused scan always on the CPU.
 */
public final class DemoRun {
  private static final int BACKBONE_SEED = 42;
  private static final String CLASSIFIER = "vim-tiny-fashion";
  private static final List<String> OWN_ENTRIES =
      List.of("scenes", "annotated", "preview.png", "summary.json");

  private final DemoConfig config;
  private final ProgressListener progress;

  /** A run of {@code config} reporting finished frames (scenes, then backbone) to progress. */
  public DemoRun(DemoConfig config, ProgressListener progress) {
    this.config = config;
    this.progress = progress;
  }

  /** Runs every step and returns what it did; the caller writes the summary. */
  public DemoSummary run() throws IOException {
    long start = System.nanoTime();
    prepareOutput();
    SceneGenerator generator =
        new SceneGenerator(
            SceneConfig.builder()
                .optSize(config.size(), config.size())
                .optClipLength(config.frames())
                .optScale(Math.min(24, config.size() / 4), Math.min(112, config.size() / 2))
                .build(),
            ItemPool.bundledSample());
    long total = 2L * config.frames() + config.backboneFrames();
    DatasetSummary scenes =
        new SceneDatasetWriter(generator)
            .write(
                SceneSplit.TEST,
                config.clip(),
                1,
                config.out().resolve("scenes"),
                (done, frames) -> progress.progress(done, total));

    List<SceneFrame> frames = new ArrayList<>();
    SceneSource clip = generator.clip(SceneSplit.TEST, config.clip());
    clip.forEachRemaining(frames::add);
    Path annotated = config.out().resolve("annotated");
    Map<String, Long> perClass = new LinkedHashMap<>();
    FashionMnist.CLASS_NAMES.forEach(name -> perClass.put(name, 0L));
    for (SceneFrame frame : frames) {
      PreviewImage.write(frame, 2, annotated.resolve(String.format("%06d.png", frame.index() + 1)));
      for (ObjectTruth object : frame.objects()) {
        if (object.isVisible()) {
          perClass.merge(FashionMnist.CLASS_NAMES.get(object.category() - 1), 1L, Long::sum);
        }
      }
      progress.progress(config.frames() + frame.index() + 1L, total);
    }
    Path preview = config.out().resolve("preview.png");
    PreviewImage.write(frames.get(0), 2, preview);

    ItemClassification classification = classifyItems(frames);

    BackboneCheck backbone =
        config.backboneFrames() == 0
            ? null
            : checkBackbone(
                frames.subList(0, config.backboneFrames()),
                done -> progress.progress(2L * config.frames() + done, total));
    return new DemoSummary(
        scenes,
        perClass,
        annotated,
        preview,
        classification,
        backbone,
        (System.nanoTime() - start) / 1e9);
  }

  /** Creates the output folder; removes what an earlier demo wrote there, and nothing else. */
  private void prepareOutput() throws IOException {
    Files.createDirectories(config.out());
    for (String entry : OWN_ENTRIES) {
      Path path = config.out().resolve(entry);
      if (Files.exists(path)) {
        try (Stream<Path> tree = Files.walk(path)) {
          for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
    }
  }

  /** Classifies every mostly visible object of the clip with the shipped classifier. */
  private ItemClassification classifyItems(List<SceneFrame> frames) throws IOException {
    try (Classifier classifier = Classifier.open(CLASSIFIER, config.device())) {
      List<ItemClassification.Prediction> predictions = new ArrayList<>();
      int correct = 0;
      for (SceneFrame frame : frames) {
        List<ObjectTruth> objects =
            frame.objects().stream().filter(o -> o.visibility() >= 0.5).toList();
        List<Image> crops = objects.stream().map(o -> ItemCrops.crop(frame.image(), o)).toList();
        List<Classifications> results = classifier.classify(crops);
        for (int i = 0; i < objects.size(); i++) {
          String truth = FashionMnist.CLASS_NAMES.get(objects.get(i).category() - 1);
          Classifications.Classification best = results.get(i).best();
          correct += best.getClassName().equals(truth) ? 1 : 0;
          predictions.add(
              new ItemClassification.Prediction(
                  frame.index() + 1,
                  objects.get(i).trackId(),
                  truth,
                  best.getClassName(),
                  best.getProbability()));
        }
      }
      return new ItemClassification(
          CLASSIFIER,
          classifier.card().metrics().getOrDefault("test_accuracy", Double.NaN),
          predictions.size(),
          correct,
          predictions);
    }
  }

  private BackboneCheck checkBackbone(List<SceneFrame> frames, LongConsumer done) {
    Device device = config.device();
    try (NDManager manager = NDManager.newBaseManager(Device.cpu());
        NDManager onDevice = NDManager.newBaseManager(device)) {
      manager.getEngine().setRandomSeed(BACKBONE_SEED);
      VisionMamba model =
          VisionMamba.builder()
              .tiny()
              .optImageSize(config.size())
              .optPatchSize(16)
              .optNumClasses(FashionMnist.CLASS_NAMES.size())
              .build();
      model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, config.size(), config.size()));
      ParameterStore store = new ParameterStore(manager, false);
      ParameterStore deviceStore = new ParameterStore(onDevice, false); // copies the weights once
      SelectiveScan fused = FusedScan.builder().build();
      SelectiveScan second = device.isGpu() ? ScanChoice.forInference(device) : new ChunkedScan();
      double[] fusedMs = new double[frames.size()];
      double[] secondMs = new double[frames.size()];
      double maxDifference = 0;
      double maxMagnitude = 0;
      long[] featureShape = null;
      for (int i = 0; i < frames.size(); i++) {
        try (NDManager frameScope = manager.newSubManager();
            NDManager deviceScope = onDevice.newSubManager()) {
          NDArray image = FrameTensors.normalised(frameScope, frames.get(i).image());
          NDArray deviceImage = FrameTensors.normalised(deviceScope, frames.get(i).image());
          long t0 = System.nanoTime();
          model.setScan(fused);
          NDArray a = model.extract(store, image, false).finest().map();
          a.toFloatArray(); // waits for the result
          long t1 = System.nanoTime();
          model.setScan(second);
          NDArray b = model.extract(deviceStore, deviceImage, false).finest().map();
          b = b.toDevice(Device.cpu(), false); // reading back waits for the device's kernels
          long t2 = System.nanoTime();
          fusedMs[i] = (t1 - t0) / 1e6;
          secondMs[i] = (t2 - t1) / 1e6;
          maxDifference = Math.max(maxDifference, a.sub(b).abs().max().getFloat());
          maxMagnitude = Math.max(maxMagnitude, b.abs().max().getFloat());
          featureShape = Arrays.copyOfRange(a.getShape().getShape(), 1, 4);
        }
        done.accept(i + 1);
      }
      return new BackboneCheck(
          "vim-tiny (depth 24, width 192, patch 16; seeded random weights)",
          featureShape,
          frames.size(),
          device.toString(),
          second.id(),
          median(fusedMs),
          median(secondMs),
          maxDifference / maxMagnitude);
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
