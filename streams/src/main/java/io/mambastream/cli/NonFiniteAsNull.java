package io.mambastream.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/** A Jackson serializer that writes NaN and infinite doubles as JSON {@code null}. */
final class NonFiniteAsNull extends JsonSerializer<Double> {

  static SimpleModule module() {
    SimpleModule module = new SimpleModule("non-finite-as-null");
    module.addSerializer(Double.class, new NonFiniteAsNull());
    module.addSerializer(double.class, new NonFiniteAsNull());
    return module;
  }

  @Override
  public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers)
      throws IOException {
    if (value.isNaN() || value.isInfinite()) {
      gen.writeNull();
    } else {
      gen.writeNumber(value);
    }
  }
}
