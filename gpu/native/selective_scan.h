// The fused selective scan (Mamba S6) on CUDA: forward and backward kernels, and the autograd
// operator that joins them. The equations are those of ../../shared/DESIGN.md §3:
//
//   Δ   = softplus(delta + delta_bias)             (B, D, L)   (bias and softplus optional)
//   h_t = exp(Δ_t·A) ⊙ h_{t-1} + Δ_t·B_t·x_t       (B, D, N),  h_{-1} = 0, fp32 (fp64) state
//   y_t = (Σ_n C_t[n]·h_t[n] + D·x_t) · silu(z_t)   (B, D, L)
//
// With a kept-mask (B, L), a pruned position injects no input and emits 0; the state is carried
// (CARRY_STATE) or only decays (DECAY_ONLY).
#pragma once

#include <ATen/ATen.h>

#include <tuple>

namespace mambastream {

/** Shapes and options of one scan, checked once on the host. */
struct ScanShape {
  int64_t batch, channels, length, states;
  int64_t chunk;  // tokens between saved states: the backward pass recomputes inside a chunk
  bool has_d, has_z, has_bias, softplus, has_mask, decay_only;
  int64_t num_chunks() const { return (length + chunk - 1) / chunk; }
};

/** Tensors of one scan; undefined tensors are absent optional arguments. */
struct ScanTensors {
  at::Tensor x, delta, a, b, c, d, z, bias, mask;
};

/** Gradients with respect to every differentiable argument (undefined when absent). */
struct ScanGradients {
  at::Tensor dx, ddelta, da, db, dc, dd, dz, dbias;
};

/** The largest state size N the kernels take. */
int64_t max_states();

/** Tokens between saved states for a state size and dtype (bounds the backward's shared memory). */
int64_t default_chunk(int64_t states, at::ScalarType dtype);

/**
 * Runs the forward kernel. Returns y (B, D, L) in x's dtype, the last state (B, D, N) and, when
 * `save_states`, the states entering each chunk (B, D, C, N; else undefined), both in the
 * accumulation type (fp32, or fp64 for fp64).
 */
std::tuple<at::Tensor, at::Tensor, at::Tensor> scan_forward_cuda(const ScanTensors& in,
                                                                 const ScanShape& shape,
                                                                 bool save_states);

/** Runs the backward kernel for the incoming gradient gy (B, D, L). */
ScanGradients scan_backward_cuda(const ScanTensors& in, const ScanShape& shape,
                                 const at::Tensor& chunk_states, const at::Tensor& gy);

/**
 * The differentiable operator: checks and normalises its arguments (contiguous; A, D and the bias
 * in the accumulation type) and records a node whose backward recomputes states from the saved
 * chunk states. Returns {y, last_state}; last_state carries no gradient.
 */
std::vector<at::Tensor> selective_scan(const ScanTensors& in, bool softplus, bool decay_only);

}  // namespace mambastream
