package io.mambastream.heads.eval.mot;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** The boxes of one sequence (ground truth or predictions), in file order. */
public record MotSequence(String name, List<MotBox> boxes) {

  /** Copies the list so the record stays immutable. */
  public MotSequence {
    boxes = List.copyOf(boxes);
  }

  /** Returns the boxes grouped by frame, frames ascending, boxes of a frame in file order. */
  public SortedMap<Integer, List<MotBox>> byFrame() {
    SortedMap<Integer, List<MotBox>> frames = new TreeMap<>();
    for (MotBox box : boxes) {
      frames.computeIfAbsent(box.frame(), f -> new ArrayList<>()).add(box);
    }
    return frames;
  }

  /** Returns a copy without the boxes whose confidence is below {@code minConf}. */
  public MotSequence withMinConfidence(double minConf) {
    return new MotSequence(name, boxes.stream().filter(b -> b.conf() >= minConf).toList());
  }
}
