/** Our native CUDA library: the fused selective-scan operator and CUDA memory statistics. */
package io.mambastream.backbones.cuda;
