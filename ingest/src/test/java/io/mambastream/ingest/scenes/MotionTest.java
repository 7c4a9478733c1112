package io.mambastream.ingest.scenes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Each motion on hand-worked points. */
class MotionTest {

  @Test
  void linearMovesEqualStepsFromStartToEnd() {
    Motion m = new Motion.Linear(new Point(0, 10), new Point(40, 50), 4);
    // 4 frames from (0,10) to (40,50): (10, 10) per frame.
    assertThat(m.centre(0)).isEqualTo(new Point(0, 10));
    assertThat(m.centre(1)).isEqualTo(new Point(10, 20));
    assertThat(m.centre(4)).isEqualTo(new Point(40, 50));
  }

  @Test
  void acceleratingHasConstantSecondDifference() {
    // v0 = 0.5 over 4 frames along x from 0 to 16: fraction 0.5u + 0.5u², u = t/4,
    // so x = 16·(t/8 + t²/32) = 2t + t²/2: 0, 2.5, 6, 10.5, 16; second difference 1.
    Motion m = new Motion.Accelerating(new Point(0, 0), new Point(16, 0), 4, 0.5);
    double[] x = new double[5];
    for (int t = 0; t <= 4; t++) {
      x[t] = m.centre(t).x();
    }
    assertThat(x).containsExactly(new double[] {0, 2.5, 6, 10.5, 16}, within(1e-12));
    assertThat(m.kind()).isEqualTo(MotionKind.ACCELERATING);
  }

  @Test
  void curvedPassesThroughBezierMidpoint() {
    // Quadratic Bézier at u = 1/2: (start + 2·control + end) / 4 = (0 + 20 + 20, 0 + 40 + 0)/4.
    Motion m = new Motion.Curved(new Point(0, 0), new Point(10, 20), new Point(20, 0), 2);
    assertThat(m.centre(1)).isEqualTo(new Point(10, 10));
    assertThat(m.centre(2)).isEqualTo(new Point(20, 0));
  }

  @Test
  void bouncingReflectsAtWalls() {
    // Box x in [10, 20]; from 15 at +4 per frame: 15, 19, 23 → 17, 27 → 13, 31 → 11 (31 - 20 = 11
    // past the wall is 1 past the far wall: 10 + 1), 35 → 15.
    Motion m = new Motion.Bouncing(new Point(15, 5), 4, 0, 10, 20, 0, 10);
    double[] x = new double[6];
    for (int t = 0; t < 6; t++) {
      x[t] = m.centre(t).x();
    }
    assertThat(x).containsExactly(15, 19, 17, 13, 11, 15);
    assertThat(Motion.Bouncing.fold(5, 10, 20)).isEqualTo(15); // 5 below 10 reflects to 15
  }
}
