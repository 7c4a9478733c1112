package io.mambastream.backbones.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VectorMathTest {

  private static VectorSpecies<Float> species(int bits) {
    return FloatVector.SPECIES_64.withShape(VectorShape.forBitSize(bits));
  }

  /** Applies {@code f} to {@code values} one vector at a time (the tail padded with 1). */
  private static float[] apply(
      VectorSpecies<Float> species, float[] values, UnaryOperator<FloatVector> f) {
    int lanes = species.length();
    float[] padded = new float[(values.length + lanes - 1) / lanes * lanes];
    Arrays.fill(padded, 1f);
    System.arraycopy(values, 0, padded, 0, values.length);
    float[] out = new float[padded.length];
    for (int i = 0; i < padded.length; i += lanes) {
      f.apply(FloatVector.fromArray(species, padded, i)).intoArray(out, i);
    }
    return Arrays.copyOf(out, values.length);
  }

  @ParameterizedTest(name = "{0}-bit vectors")
  @ValueSource(ints = {64, 128, 256})
  void expIsWithinTwoUlpOfMathExp(int bits) {
    float[] x = new float[200_001];
    for (int i = 0; i < x.length; i++) {
      x[i] = -87.3f + (88f + 87.3f) * i / (x.length - 1);
    }
    float[] y = apply(species(bits), x, VectorMath::exp);
    double worst = 0;
    for (int i = 0; i < x.length; i++) {
      double exact = Math.exp(x[i]);
      worst = Math.max(worst, Math.abs(y[i] - exact) / Math.ulp((float) exact));
    }
    assertThat(worst).isLessThanOrEqualTo(2.0);
  }

  @ParameterizedTest(name = "{0}-bit vectors")
  @ValueSource(ints = {64, 128, 256})
  void expHandlesItsEdges(int bits) {
    float[] x = {0f, -0f, 1f, -1f, -87.33f, -88f, -100f, -1e30f, 88f, Float.NEGATIVE_INFINITY};
    float[] y = apply(species(bits), x, VectorMath::exp);
    assertThat(y[0]).isEqualTo(1f);
    assertThat(y[1]).isEqualTo(1f);
    assertThat(y[2]).isEqualTo((float) Math.E);
    assertThat(y[3]).isEqualTo((float) Math.exp(-1));
    assertThat(y[4]).isPositive();
    assertThat(y[5]).isZero(); // below the smallest normal: flushed
    assertThat(y[6]).isZero();
    assertThat(y[7]).isZero();
    assertThat(y[8]).isCloseTo((float) Math.exp(88), withPercentage(1e-5)); // largest supported
    assertThat(y[9]).isZero();
  }

  @ParameterizedTest(name = "{0}-bit vectors")
  @ValueSource(ints = {64, 128, 256})
  void log1pIsWithinThreeUlpOfMathLog1pOnZeroToOne(int bits) {
    float[] w = new float[100_003];
    for (int i = 0; i < 100_001; i++) {
      w[i] = (float) i / 100_000;
    }
    w[100_001] = Float.MIN_NORMAL;
    w[100_002] = 1e-30f;
    float[] y = apply(species(bits), w, VectorMath::log1pUnit);
    assertThat(y[0]).isZero();
    double worst = 0;
    for (int i = 1; i < w.length; i++) {
      double exact = Math.log1p(w[i]);
      worst = Math.max(worst, Math.abs(y[i] - exact) / Math.ulp((float) exact));
    }
    assertThat(worst).isLessThanOrEqualTo(3.0);
  }
}
