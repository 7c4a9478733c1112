package io.mambastream.backbones.cuda;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method that needs a CUDA device: it runs only where DJL's PyTorch engine
 * sees one and is otherwise reported as skipped with {@link GpuCondition}'s reason. Tagged {@value
 * #TAG}, so a launcher can select exactly these tests ({@code --include-tag gpu}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(GpuCondition.class)
@Tag(RequiresGpu.TAG)
public @interface RequiresGpu {
  /** The JUnit tag of GPU tests. */
  String TAG = "gpu";
}
