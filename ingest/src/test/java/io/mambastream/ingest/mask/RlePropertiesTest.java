package io.mambastream.ingest.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round trips and set algebra on random masks, checked pixel by pixel. */
class RlePropertiesTest {

  record Mask(int h, int w, boolean[] pixels) {}

  @Provide
  Arbitrary<Mask> masks() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 24), Arbitraries.integers().between(0, 24))
        .flatAs(
            (h, w) ->
                Arbitraries.of(true, false)
                    .array(boolean[].class)
                    .ofSize(h * w)
                    .map(p -> new Mask(h, w, p)));
  }

  @Property(tries = 300, seed = "20261127")
  void decodeInvertsEncode(@ForAll("masks") Mask m) {
    Rle rle = Rle.encode(m.pixels(), m.h(), m.w());
    assertThat(rle.decode()).containsExactly(m.pixels());
    for (int i = 1; i < rle.counts().length; i++) {
      assertThat(rle.counts()[i]).as("run %d", i).isPositive();
    }
  }

  @Property(tries = 300, seed = "20261127")
  void stringRoundTrips(@ForAll("masks") Mask m) {
    Rle rle = Rle.encode(m.pixels(), m.h(), m.w());
    String s = rle.toCompressedString();
    assertThat(s).matches("[0-o]*");
    assertThat(Rle.fromCompressedString(s, m.h(), m.w())).isEqualTo(rle);
  }

  @Property(tries = 300, seed = "20261127")
  void areaCountsPixelsAndBoxCoversThem(@ForAll("masks") Mask m) {
    Rle rle = Rle.encode(m.pixels(), m.h(), m.w());
    int area = 0;
    int xs = Integer.MAX_VALUE;
    int xe = -1;
    int ys = Integer.MAX_VALUE;
    int ye = -1;
    for (int r = 0; r < m.h(); r++) {
      for (int c = 0; c < m.w(); c++) {
        if (m.pixels()[r * m.w() + c]) {
          area++;
          xs = Math.min(xs, c);
          xe = Math.max(xe, c);
          ys = Math.min(ys, r);
          ye = Math.max(ye, r);
        }
      }
    }
    assertThat(rle.area()).isEqualTo(area);
    double[] box = rle.toBbox();
    if (area == 0) {
      assertThat(box).containsExactly(0, 0, 0, 0);
      return;
    }
    // Columns are tight; rows cover the tight range (wrapping runs widen it to all rows).
    assertThat(box[0]).isEqualTo(xs);
    assertThat(box[2]).isEqualTo(xe - xs + 1);
    assertThat(box[1]).isLessThanOrEqualTo(ys);
    assertThat(box[1] + box[3]).isGreaterThanOrEqualTo(ye + 1).isLessThanOrEqualTo(m.h());
  }

  @Property(tries = 200, seed = "20261127")
  void mergeIsPixelwise(@ForAll("masks") Mask m, @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    boolean[] other = new boolean[m.pixels().length];
    for (int i = 0; i < other.length; i++) {
      other[i] = random.nextBoolean();
    }
    Rle a = Rle.encode(m.pixels(), m.h(), m.w());
    Rle b = Rle.encode(other, m.h(), m.w());
    boolean[] or = new boolean[other.length];
    boolean[] and = new boolean[other.length];
    for (int i = 0; i < other.length; i++) {
      or[i] = m.pixels()[i] || other[i];
      and[i] = m.pixels()[i] && other[i];
    }
    assertThat(Rle.union(List.of(a, b))).isEqualTo(Rle.encode(or, m.h(), m.w()));
    assertThat(Rle.intersection(List.of(a, b))).isEqualTo(Rle.encode(and, m.h(), m.w()));
  }
}
