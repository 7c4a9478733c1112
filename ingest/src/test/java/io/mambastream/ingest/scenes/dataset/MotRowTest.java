package io.mambastream.ingest.scenes.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MotRowTest {

  @Test
  void formatsTheNineColumns() {
    MotRow row = new MotRow(3, 7, 10, 20, 30, 40, 1, 5, 0.25);
    assertThat(row.format()).isEqualTo("3,7,10,20,30,40,1,5,0.250000");
    assertThat(MotRow.parse(row.format())).isEqualTo(row);
    // Tools often write boxes as decimals: whole ones are accepted.
    assertThat(MotRow.parse("3,7,10.0,20,30,40,1,5,0.25")).isEqualTo(row);
  }

  @Test
  void rejectsShortOrBadLines() {
    assertThatThrownBy(() -> MotRow.parse("1,2,3")).hasMessageContaining("3 fields");
    assertThatThrownBy(() -> MotRow.parse("1,2,3.5,4,5,6,1,1,1"))
        .hasMessageContaining("bad number");
  }
}
