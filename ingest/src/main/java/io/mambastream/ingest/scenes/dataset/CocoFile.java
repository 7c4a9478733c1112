package io.mambastream.ingest.scenes.dataset;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mambastream.ingest.mask.Rle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A COCO annotation file of MovingFashion, as written to {@code annotations.json}: the standard
 * {@code info}, {@code images}, {@code annotations} and {@code categories}, plus video fields (TAO
 * / YouTube-VIS style: {@code videos}, {@code video_id}, {@code frame_id}, {@code track_id}).
 *
 * @param info what the file holds and how it was made
 * @param videos one per clip
 * @param images one per frame
 * @param annotations one per visible object per frame
 * @param categories class ids 1..10 with Fashion-MNIST names
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CocoFile(
    Map<String, Object> info,
    List<Video> videos,
    List<Image> images,
    List<Annotation> annotations,
    List<Category> categories) {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .disable(SerializationFeature.INDENT_OUTPUT)
          .build();

  /**
   * One clip.
   *
   * @param id 1-based within the file
   * @param name the clip id, also its folder name
   * @param seed the clip seed
   * @param length frames
   * @param width frame columns
   * @param height frame rows
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Video(long id, String name, long seed, int length, int width, int height) {}

  /**
   * One frame.
   *
   * @param id 1-based within the file
   * @param fileName the PNG path relative to the split folder
   * @param width columns
   * @param height rows
   * @param videoId the clip's {@link Video#id}
   * @param frameId 1-based frame number in the clip (as in MOTChallenge)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Image(
      long id,
      @JsonProperty("file_name") String fileName,
      int width,
      int height,
      @JsonProperty("video_id") long videoId,
      @JsonProperty("frame_id") int frameId) {}

  /**
   * One visible object in one frame.
   *
   * @param id 1-based within the file
   * @param imageId the frame's {@link Image#id}
   * @param categoryId class id 1..10
   * @param bbox tight box of the visible mask, {@code [x, y, w, h]}
   * @param area visible mask pixels
   * @param segmentation the visible mask as compressed RLE
   * @param iscrowd always 0
   * @param trackId track id within the clip (1-based, as in {@code gt.txt})
   * @param videoId the clip's {@link Video#id}
   * @param visibility visible pixels / whole item pixels
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Annotation(
      long id,
      @JsonProperty("image_id") long imageId,
      @JsonProperty("category_id") int categoryId,
      double[] bbox,
      long area,
      Segmentation segmentation,
      int iscrowd,
      @JsonProperty("track_id") int trackId,
      @JsonProperty("video_id") long videoId,
      double visibility) {}

  /**
   * A compressed RLE mask as COCO stores it.
   *
   * @param size {@code [height, width]}
   * @param counts pycocotools' compressed string
   */
  public record Segmentation(int[] size, String counts) {
    /** The segmentation of a mask. */
    public static Segmentation of(Rle rle) {
      return new Segmentation(new int[] {rle.height(), rle.width()}, rle.toCompressedString());
    }

    /** The mask back as run lengths. */
    public Rle toRle() {
      return Rle.fromCompressedString(counts, size[0], size[1]);
    }
  }

  /**
   * A class.
   *
   * @param id 1..10
   * @param name the Fashion-MNIST class name
   * @param supercategory always {@code fashion}
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Category(int id, String name, String supercategory) {}

  /** Writes the file as compact JSON. */
  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    MAPPER.writeValue(file.toFile(), this);
  }

  /** Reads a file written by {@link #write} (or any COCO file with these fields). */
  public static CocoFile read(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), CocoFile.class);
  }
}
