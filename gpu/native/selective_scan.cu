// Forward and backward kernels of the fused selective scan; see selective_scan.h for the math.
//
// Work split. A block of kThreads threads owns one batch row b and a group of channels; each
// channel gets `lanes` consecutive threads (the next power of two ≥ N, at most 32), and each lane
// keeps `per_lane` of the N states in registers. Every thread walks the whole sequence, so the
// recurrence needs no cross-thread scan; the block parallelism is B × D × N threads.
//
// Time is cut into chunks of `chunk` tokens, staged in shared memory with coalesced loads. The
// forward pass saves the state entering every chunk, O(B·D·N·L / chunk); the backward pass walks
// the chunks from last to first, recomputes the chunk's states from the saved one into shared
// memory, then runs the adjoint recurrence backwards:
//
//   ĝ_t   = gy_t · silu(z_t)                       gradient of the pre-gate output
//   dh_t  = ĝ_t · C_t + exp(Δ_{t+1}A) · dh_{t+1}    adjoint state (per channel and state)
//   dC_t += ĝ_t · h_t        dB_t += dh_t · Δ_t · x_t            (summed over channels)
//   dx_t  = Σ_n dh_t·Δ_t·B_t + ĝ_t · D              dD += ĝ_t · x_t
//   dΔ_t  = Σ_n dh_t·(B_t·x_t + h_{t-1}·exp(Δ_t A)·A)
//   dA   += dh_t · h_{t-1} · exp(Δ_t A) · Δ_t
//   ddelta = dΔ · sigmoid(delta + bias) (with softplus), dbias = Σ_{b,t} ddelta
//
// The recurrence loops carry no reductions: the forward pass writes each thread's part of
// Σ_n C·h to a padded (chunk, threads) shared array and sums a channel's lanes after the chunk
// (the backward pass gets y from its recomputed states the same way). In the adjoint loop, sums
// over the N states use warp shuffles inside a channel's lanes; sums over channels (dB, dC) use
// shuffles across the channels of a warp, then shared memory across the block's warps, then one
// global atomic per (b, n, t) and block. B and C are staged as (chunk, N + 1) rows and the
// per-thread arrays with a row of threads + 1, so shared-memory reads hit distinct banks.
#include <ATen/AccumulateType.h>
#include <ATen/Dispatch.h>
#include <c10/cuda/CUDAStream.h>
#include <c10/cuda/CUDAException.h>
#include <c10/cuda/CUDAGuard.h>

#include "selective_scan.h"

namespace mambastream {
namespace {

constexpr int kThreads = 256;
constexpr int kWarps = kThreads / 32;
constexpr int kMaxStatesPerLane = 4;  // N ≤ 32 · 4

/** How a block's threads map onto (channel, state). */
struct Layout {
  int lanes;     // threads per channel: the next power of two ≥ N, at most 32
  int per_lane;  // states per thread: ⌈N / lanes⌉
  int channels;  // channels per block
};

Layout layout_for(int64_t states) {
  int lanes = 1;
  while (lanes < states && lanes < 32) lanes <<= 1;
  const int per_lane = static_cast<int>((states + lanes - 1) / lanes);
  return {lanes, per_lane, kThreads / lanes};
}

/** Kernel arguments; absent optional arrays are null. */
template <typename T, typename Acc>
struct Params {
  const T* x;
  const T* delta;
  const Acc* a;
  const T* b;
  const T* c;
  const Acc* d;
  const T* z;
  const Acc* bias;
  const float* mask;
  T* y;
  Acc* last_state;
  Acc* chunk_states;
  const T* gy;
  T* dx;
  T* ddelta;
  T* dz;
  Acc* da;
  Acc* db;
  Acc* dc;
  Acc* dd;
  Acc* dbias;
  int batch, channels, length, states, chunk, num_chunks;
  bool softplus, decay_only;
  Layout layout;
};

/** exp for the decays exp(Δ·A) ≤ 1: the hardware approximation in float32 (relative error about
 * 2^-21, far inside the 1e-4 contract), the exact one in float64 (for finite differences). */
__device__ __forceinline__ float decay_exp(float v) { return __expf(v); }
__device__ __forceinline__ double decay_exp(double v) { return exp(v); }

template <typename Acc>
__device__ __forceinline__ Acc softplus(Acc v) {
  return v > Acc(20) ? v : log1p(exp(v));
}

template <typename Acc>
__device__ __forceinline__ Acc sigmoid(Acc v) {
  return Acc(1) / (Acc(1) + exp(-v));
}

/** Sums v over the `lanes` threads of one channel (all 32 threads of the warp must call). */
template <typename Acc>
__device__ __forceinline__ Acc sum_over_states(Acc v, int lanes) {
  for (int offset = lanes / 2; offset > 0; offset >>= 1) {
    v += __shfl_xor_sync(0xffffffffu, v, offset);
  }
  return v;
}

/** Sums v over the channels of one warp; lanes of every channel then hold the sum. */
template <typename Acc>
__device__ __forceinline__ Acc sum_over_warp_channels(Acc v, int lanes) {
  for (int offset = lanes; offset < 32; offset <<= 1) {
    v += __shfl_xor_sync(0xffffffffu, v, offset);
  }
  return v;
}

/** The per-thread view of a block: which batch row, channel and states this thread owns. */
struct Position {
  int tid, lane, channel, d, batch;
  bool active;
};

template <typename T, typename Acc>
__device__ __forceinline__ Position position(const Params<T, Acc>& p) {
  Position q;
  q.tid = threadIdx.x;
  q.lane = q.tid % p.layout.lanes;
  q.channel = q.tid / p.layout.lanes;
  q.d = blockIdx.x * p.layout.channels + q.channel;
  q.batch = blockIdx.y;
  q.active = q.d < p.channels;
  return q;
}

/** Chunk-staged inputs in shared memory, each (channels, chunk) or (states, chunk). */
template <typename Acc>
struct Stage {
  Acc* x;     // x_t
  Acc* dt;    // Δ_t after bias and softplus
  Acc* keep;  // 1 kept, 0 pruned or past the end
  Acc* b;     // B_t[n] at bc(n, t): (chunk, N + 1), so the lanes of a channel read one row
  Acc* c;     // C_t[n] at bc(n, t)
  int bc_row;  // N + 1: the pad word keeps the column writes of staging conflict-free

  __device__ __forceinline__ int bc(int n, int t) const { return t * bc_row + n; }

  __device__ static Stage carve(Acc*& cursor, int channels, int states, int chunk) {
    Stage s;
    s.x = cursor;
    s.dt = s.x + channels * chunk;
    s.bc_row = states + 1;
    s.b = s.dt + channels * chunk;
    s.c = s.b + s.bc_row * chunk;
    s.keep = s.c + s.bc_row * chunk;
    cursor = s.keep + chunk;
    return s;
  }
};

/** Loads chunk [t0, t0 + len) of x, Δ, B, C and the mask of batch row q.batch. */
template <typename T, typename Acc>
__device__ void load_chunk(const Params<T, Acc>& p, const Stage<Acc>& s, int batch, int t0,
                           int len) {
  const int chunk = p.chunk;
  const int d0 = blockIdx.x * p.layout.channels;
  for (int e = threadIdx.x; e < p.layout.channels * chunk; e += blockDim.x) {
    const int channel = e / chunk, t = e % chunk, d = d0 + channel;
    Acc xv = 0, dt = 0;
    if (d < p.channels && t < len) {
      const int64_t idx = (static_cast<int64_t>(batch) * p.channels + d) * p.length + t0 + t;
      xv = static_cast<Acc>(p.x[idx]);
      Acc raw = static_cast<Acc>(p.delta[idx]) + (p.bias ? p.bias[d] : Acc(0));
      dt = p.softplus ? softplus(raw) : raw;
    }
    s.x[e] = xv;
    s.dt[e] = dt;
  }
  for (int e = threadIdx.x; e < p.states * chunk; e += blockDim.x) {
    const int n = e / chunk, t = e % chunk;
    Acc bv = 0, cv = 0;
    if (t < len) {
      const int64_t idx = (static_cast<int64_t>(batch) * p.states + n) * p.length + t0 + t;
      bv = static_cast<Acc>(p.b[idx]);
      cv = static_cast<Acc>(p.c[idx]);
    }
    s.b[s.bc(n, t)] = bv;
    s.c[s.bc(n, t)] = cv;
  }
  for (int t = threadIdx.x; t < chunk; t += blockDim.x) {
    const bool kept =
        t < len && (!p.mask || p.mask[static_cast<int64_t>(batch) * p.length + t0 + t] > 0.5f);
    s.keep[t] = kept ? Acc(1) : Acc(0);
  }
}

/** Index of state n of this thread's channel in a (B, D, [C,] N) state array. */
template <typename T, typename Acc>
__device__ __forceinline__ int64_t state_index(const Params<T, Acc>& p, const Position& q,
                                               int chunk_index, int n) {
  const int64_t row = static_cast<int64_t>(q.batch) * p.channels + q.d;
  return chunk_index < 0 ? row * p.states + n
                         : (row * p.num_chunks + chunk_index) * p.states + n;
}

/**
 * One forward step of the recurrence for this thread's states at position t of the staged chunk;
 * returns this thread's part of Σ_n C_t[n]·h_t[n].
 */
template <typename T, typename Acc>
__device__ __forceinline__ Acc step(const Params<T, Acc>& p, const Stage<Acc>& s,
                                    const Position& q, int t, const Acc (&a)[kMaxStatesPerLane],
                                    Acc (&h)[kMaxStatesPerLane]) {
  const int chunk = p.chunk;
  const bool kept = s.keep[t] != Acc(0);
  if (!kept && !p.decay_only) return Acc(0);  // carried unchanged, emits nothing
  const Acc dt = s.dt[q.channel * chunk + t];
  const Acc input = kept ? dt * s.x[q.channel * chunk + t] : Acc(0);
  Acc part = 0;
#pragma unroll
  for (int k = 0; k < kMaxStatesPerLane; ++k) {
    const int n = q.lane + k * p.layout.lanes;
    if (k < p.layout.per_lane && n < p.states) {
      h[k] = decay_exp(dt * a[k]) * h[k] + input * s.b[s.bc(n, t)];
      part += s.c[s.bc(n, t)] * h[k];
    }
  }
  return kept ? part : Acc(0);
}

template <typename T, typename Acc>
__device__ __forceinline__ void load_a(const Params<T, Acc>& p, const Position& q,
                                       Acc (&a)[kMaxStatesPerLane]) {
#pragma unroll
  for (int k = 0; k < kMaxStatesPerLane; ++k) {
    const int n = q.lane + k * p.layout.lanes;
    a[k] = (q.active && k < p.layout.per_lane && n < p.states)
               ? p.a[static_cast<int64_t>(q.d) * p.states + n]
               : Acc(0);
  }
}

template <typename T, typename Acc>
__device__ __forceinline__ Acc skip_of(const Params<T, Acc>& p, int d) {
  return p.d ? p.d[d] : Acc(0);
}

/** Row stride of the per-thread (chunk, threads) arrays: one pad word keeps column reads free of
 * shared-memory bank conflicts. */
constexpr int kRow = kThreads + 1;

/**
 * y_pre = Σ over the `lanes` threads of a channel of their parts, read from a (chunk, kRow) array
 * of per-thread values (or, with `c` given, of states to multiply by C_t[n]).
 */
template <typename T, typename Acc>
__device__ __forceinline__ Acc channel_sum(const Params<T, Acc>& p, const Acc* rows, int channel,
                                           int t, int per_lane, const Stage<Acc>* c) {
  Acc sum = 0;
  for (int k = 0; k < per_lane; ++k) {
    for (int lane = 0; lane < p.layout.lanes; ++lane) {
      const int n = lane + k * p.layout.lanes;
      if (n < p.states) {
        const Acc v = rows[(t * per_lane + k) * kRow + channel * p.layout.lanes + lane];
        sum += c ? v * c->c[c->bc(n, t)] : v;
      }
    }
  }
  return sum;
}

template <typename T, typename Acc>
__global__ void __launch_bounds__(kThreads) scan_forward_kernel(Params<T, Acc> p) {
  extern __shared__ __align__(16) unsigned char shared_bytes[];
  Acc* cursor = reinterpret_cast<Acc*>(shared_bytes);
  const int chunk = p.chunk, channels = p.layout.channels;
  const Stage<Acc> s = Stage<Acc>::carve(cursor, channels, p.states, chunk);
  Acc* parts = cursor;  // (chunk, kRow): each thread's part of Σ_n C_t[n]·h_t[n]

  const Position q = position(p);
  Acc a[kMaxStatesPerLane], h[kMaxStatesPerLane];
  load_a(p, q, a);
#pragma unroll
  for (int k = 0; k < kMaxStatesPerLane; ++k) h[k] = 0;
  const int d0 = blockIdx.x * channels;

  for (int index = 0; index < p.num_chunks; ++index) {
    const int t0 = index * chunk, len = min(chunk, p.length - t0);
    if (p.chunk_states && q.active) {
#pragma unroll
      for (int k = 0; k < kMaxStatesPerLane; ++k) {
        const int n = q.lane + k * p.layout.lanes;
        if (k < p.layout.per_lane && n < p.states) p.chunk_states[state_index(p, q, index, n)] = h[k];
      }
    }
    load_chunk(p, s, q.batch, t0, len);
    __syncthreads();
    // The recurrence alone: the sums over states wait until the chunk is done.
#pragma unroll 4
    for (int t = 0; t < len; ++t) parts[t * kRow + q.tid] = step(p, s, q, t, a, h);
    __syncthreads();
    for (int e = threadIdx.x; e < channels * chunk; e += blockDim.x) {
      const int channel = e / chunk, t = e % chunk, d = d0 + channel;
      if (d < p.channels && t < len) {
        const int64_t idx = (static_cast<int64_t>(q.batch) * p.channels + d) * p.length + t0 + t;
        Acc out = 0;
        if (s.keep[t] != Acc(0)) {
          out = channel_sum(p, parts, channel, t, 1, static_cast<const Stage<Acc>*>(nullptr)) +
                skip_of(p, d) * s.x[e];
          if (p.z) {
            const Acc zv = static_cast<Acc>(p.z[idx]);
            out *= zv * sigmoid(zv);
          }
        }
        p.y[idx] = static_cast<T>(out);
      }
    }
    __syncthreads();
  }
  if (q.active) {
#pragma unroll
    for (int k = 0; k < kMaxStatesPerLane; ++k) {
      const int n = q.lane + k * p.layout.lanes;
      if (k < p.layout.per_lane && n < p.states) p.last_state[state_index(p, q, -1, n)] = h[k];
    }
  }
}

template <typename T, typename Acc>
__global__ void __launch_bounds__(kThreads) scan_backward_kernel(Params<T, Acc> p) {
  extern __shared__ __align__(16) unsigned char shared_bytes[];
  Acc* cursor = reinterpret_cast<Acc*>(shared_bytes);
  const int chunk = p.chunk, channels = p.layout.channels, per_lane = p.layout.per_lane;
  const Stage<Acc> s = Stage<Acc>::carve(cursor, channels, p.states, chunk);
  Acc* g_pre = cursor;                        // (channels, chunk) ĝ = gy · silu(z)
  Acc* dx = g_pre + channels * chunk;         // (channels, chunk)
  Acc* ddt = dx + channels * chunk;           // (channels, chunk) dΔ before the softplus
  Acc* dbias = ddt + channels * chunk;        // (channels)
  Acc* db_warp = dbias + channels;            // (warps, chunk, N + 1)
  Acc* dc_warp = db_warp + kWarps * s.bc_row * chunk;
  Acc* states = dc_warp + kWarps * s.bc_row * chunk;  // (chunk · per_lane, kRow) h_t

  const Position q = position(p);
  const int d0 = blockIdx.x * channels, warp = q.tid / 32;
  Acc a[kMaxStatesPerLane], h[kMaxStatesPerLane], h_start[kMaxStatesPerLane];
  Acc dh[kMaxStatesPerLane], da[kMaxStatesPerLane];
  load_a(p, q, a);
#pragma unroll
  for (int k = 0; k < kMaxStatesPerLane; ++k) dh[k] = da[k] = 0;
  const Acc skip = (q.active && p.d) ? p.d[q.d] : Acc(0);
  Acc dskip = 0;
  for (int e = threadIdx.x; e < channels; e += blockDim.x) dbias[e] = 0;

  for (int index = p.num_chunks - 1; index >= 0; --index) {
    const int t0 = index * chunk, len = min(chunk, p.length - t0);
    load_chunk(p, s, q.batch, t0, len);
    for (int e = threadIdx.x; e < channels * chunk; e += blockDim.x) {
      const int channel = e / chunk, t = e % chunk, d = d0 + channel;
      Acc g = 0;
      if (d < p.channels && t < len) {
        const int64_t idx = (static_cast<int64_t>(q.batch) * p.channels + d) * p.length + t0 + t;
        g = static_cast<Acc>(p.gy[idx]);
        if (p.z) {
          const Acc zv = static_cast<Acc>(p.z[idx]);
          g *= zv * sigmoid(zv);
        }
      }
      g_pre[e] = g;  // 0 where pruned: applied when read
    }
    __syncthreads();

    // 1. Recompute the chunk's states from the saved entering state.
#pragma unroll
    for (int k = 0; k < kMaxStatesPerLane; ++k) {
      const int n = q.lane + k * p.layout.lanes;
      h[k] = (q.active && k < per_lane && n < p.states)
                 ? p.chunk_states[state_index(p, q, index, n)]
                 : Acc(0);
      h_start[k] = h[k];
    }
#pragma unroll 4
    for (int t = 0; t < len; ++t) {
      step(p, s, q, t, a, h);
#pragma unroll
      for (int k = 0; k < kMaxStatesPerLane; ++k) {
        if (k < per_lane) states[(t * per_lane + k) * kRow + q.tid] = h[k];
      }
    }

    // 2. The adjoint recurrence, last position first.
    for (int t = len - 1; t >= 0; --t) {
      const int e = q.channel * chunk + t;
      const bool kept = s.keep[t] != Acc(0);
      const bool decays = kept || p.decay_only;
      const Acc g = kept ? g_pre[e] : Acc(0), dt = s.dt[e], xv = s.x[e];
      Acc part_dx = 0, part_ddt = 0;
#pragma unroll
      for (int k = 0; k < kMaxStatesPerLane; ++k) {
        if (k >= per_lane) continue;  // uniform across the block
        const int n = q.lane + k * p.layout.lanes;
        const bool valid = n < p.states;
        Acc dc_part = 0, db_part = 0;
        if (valid) {
          const Acc h_t = states[(t * per_lane + k) * kRow + q.tid];
          const Acc h_prev = t > 0 ? states[((t - 1) * per_lane + k) * kRow + q.tid] : h_start[k];
          const Acc bv = s.b[s.bc(n, t)];
          dh[k] += g * s.c[s.bc(n, t)];
          dc_part = g * h_t;
          if (kept) {
            db_part = dh[k] * dt * xv;
            part_dx += dh[k] * dt * bv;
            part_ddt += dh[k] * bv * xv;
          }
          if (decays) {
            const Acc decay = decay_exp(dt * a[k]);
            const Acc grad_decay = dh[k] * h_prev * decay;
            part_ddt += grad_decay * a[k];
            da[k] += grad_decay * dt;
            dh[k] *= decay;
          }
        }
        dc_part = sum_over_warp_channels(dc_part, p.layout.lanes);
        db_part = sum_over_warp_channels(db_part, p.layout.lanes);
        if (q.tid % 32 < p.layout.lanes && valid) {
          dc_warp[(warp * chunk + t) * s.bc_row + n] = dc_part;
          db_warp[(warp * chunk + t) * s.bc_row + n] = db_part;
        }
      }
      part_dx = sum_over_states(part_dx, p.layout.lanes);
      part_ddt = sum_over_states(part_ddt, p.layout.lanes);
      if (q.lane == 0) {
        dx[e] = part_dx + g * skip;
        ddt[e] = part_ddt;
        dskip += g * xv;
      }
    }
    __syncthreads();

    // 3. Write this chunk's per-position gradients; fold dB and dC over the block's warps.
    for (int e = threadIdx.x; e < channels * chunk; e += blockDim.x) {
      const int channel = e / chunk, t = e % chunk, d = d0 + channel;
      if (d < p.channels && t < len) {
        const int64_t idx = (static_cast<int64_t>(q.batch) * p.channels + d) * p.length + t0 + t;
        Acc grad_delta = ddt[e];
        if (p.softplus) {
          grad_delta *= sigmoid(static_cast<Acc>(p.delta[idx]) + (p.bias ? p.bias[d] : Acc(0)));
        }
        p.ddelta[idx] = static_cast<T>(grad_delta);
        if (p.bias) atomicAdd(&dbias[channel], grad_delta);
        p.dx[idx] = static_cast<T>(dx[e]);
        if (p.z) {
          Acc grad_z = 0;
          if (s.keep[t] != Acc(0)) {  // y_pre = Σ_n C·h + D·x from the recomputed states
            const Acc y_pre = channel_sum(p, states, channel, t, per_lane, &s) + skip_of(p, d) * s.x[e];
            const Acc zv = static_cast<Acc>(p.z[idx]), sz = sigmoid(zv);
            grad_z = static_cast<Acc>(p.gy[idx]) * y_pre * sz * (Acc(1) + zv * (Acc(1) - sz));
          }
          p.dz[idx] = static_cast<T>(grad_z);
        }
      }
    }
    for (int e = threadIdx.x; e < p.states * chunk; e += blockDim.x) {
      const int n = e / chunk, t = e % chunk;
      if (t < len) {
        Acc sum_b = 0, sum_c = 0;
        for (int w = 0; w < kWarps; ++w) {
          sum_b += db_warp[(w * chunk + t) * s.bc_row + n];
          sum_c += dc_warp[(w * chunk + t) * s.bc_row + n];
        }
        const int64_t idx = (static_cast<int64_t>(q.batch) * p.states + n) * p.length + t0 + t;
        atomicAdd(&p.db[idx], sum_b);
        atomicAdd(&p.dc[idx], sum_c);
      }
    }
    __syncthreads();
  }

  if (q.active) {
#pragma unroll
    for (int k = 0; k < kMaxStatesPerLane; ++k) {
      const int n = q.lane + k * p.layout.lanes;
      if (k < per_lane && n < p.states) {
        atomicAdd(&p.da[static_cast<int64_t>(q.d) * p.states + n], da[k]);
      }
    }
    if (q.lane == 0 && p.dd) atomicAdd(&p.dd[q.d], dskip);
  }
  for (int e = threadIdx.x; e < channels; e += blockDim.x) {
    if (p.bias && d0 + e < p.channels) atomicAdd(&p.dbias[d0 + e], dbias[e]);
  }
}

/** Shared memory of the forward kernel, in bytes. */
size_t forward_shared_bytes(const Layout& layout, int64_t states, int64_t chunk, size_t acc) {
  return acc * static_cast<size_t>((2 * layout.channels + 2 * (states + 1) + 1) * chunk + chunk * kRow);
}

/** Shared memory of the backward kernel, in bytes. */
size_t backward_shared_bytes(const Layout& layout, int64_t states, int64_t chunk, size_t acc) {
  const int64_t stage = (2 * layout.channels + 2 * (states + 1) + 1) * chunk;
  const int64_t per_channel = 3 * layout.channels * chunk + layout.channels;
  const int64_t warps = 2 * kWarps * (states + 1) * chunk;
  const int64_t recomputed = chunk * layout.per_lane * kRow;
  return acc * static_cast<size_t>(stage + per_channel + warps + recomputed);
}

template <typename T, typename Acc>
Params<T, Acc> params_for(const ScanTensors& in, const ScanShape& shape) {
  Params<T, Acc> p{};
  p.x = in.x.data_ptr<T>();
  p.delta = in.delta.data_ptr<T>();
  p.a = in.a.data_ptr<Acc>();
  p.b = in.b.data_ptr<T>();
  p.c = in.c.data_ptr<T>();
  p.d = shape.has_d ? in.d.data_ptr<Acc>() : nullptr;
  p.z = shape.has_z ? in.z.data_ptr<T>() : nullptr;
  p.bias = shape.has_bias ? in.bias.data_ptr<Acc>() : nullptr;
  p.mask = shape.has_mask ? in.mask.data_ptr<float>() : nullptr;
  p.batch = static_cast<int>(shape.batch);
  p.channels = static_cast<int>(shape.channels);
  p.length = static_cast<int>(shape.length);
  p.states = static_cast<int>(shape.states);
  p.chunk = static_cast<int>(shape.chunk);
  p.num_chunks = static_cast<int>(shape.num_chunks());
  p.softplus = shape.softplus;
  p.decay_only = shape.decay_only;
  p.layout = layout_for(shape.states);
  return p;
}

template <typename T, typename Acc>
void launch(void (*kernel)(Params<T, Acc>), const Params<T, Acc>& p, const ScanShape& shape,
            size_t shared_bytes) {
  int device = 0, limit = 0;
  C10_CUDA_CHECK(cudaGetDevice(&device));
  C10_CUDA_CHECK(cudaDeviceGetAttribute(&limit, cudaDevAttrMaxSharedMemoryPerBlockOptin, device));
  TORCH_CHECK(shared_bytes <= static_cast<size_t>(limit), "selective scan: ", shared_bytes,
              " bytes of shared memory needed, the device offers ", limit,
              " (reduce d_state or the chunk size)");
  TORCH_CHECK(shape.batch <= 65535, "selective scan: batch ", shape.batch, " exceeds 65535");
  C10_CUDA_CHECK(cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize,
                                      static_cast<int>(shared_bytes)));
  const dim3 grid(static_cast<unsigned>((shape.channels + p.layout.channels - 1) / p.layout.channels),
                  static_cast<unsigned>(shape.batch));
  kernel<<<grid, kThreads, shared_bytes, c10::cuda::getCurrentCUDAStream()>>>(p);
  C10_CUDA_KERNEL_LAUNCH_CHECK();
}

}  // namespace

int64_t max_states() { return 32 * kMaxStatesPerLane; }

int64_t default_chunk(int64_t states, at::ScalarType dtype) {
  const int64_t per_lane = layout_for(states).per_lane;
  const int64_t tokens = dtype == at::kDouble ? 16 : 32;  // bounds the recomputed states' memory
  return std::max<int64_t>(4, tokens / per_lane);
}

std::tuple<at::Tensor, at::Tensor, at::Tensor> scan_forward_cuda(const ScanTensors& in,
                                                                 const ScanShape& shape,
                                                                 bool save_states) {
  const c10::cuda::CUDAGuard guard(in.x.device());
  const auto acc_options = in.x.options().dtype(in.a.scalar_type());
  at::Tensor y = at::empty_like(in.x);
  at::Tensor last = at::empty({shape.batch, shape.channels, shape.states}, acc_options);
  at::Tensor chunk_states =
      save_states
          ? at::empty({shape.batch, shape.channels, shape.num_chunks(), shape.states}, acc_options)
          : at::Tensor();
  AT_DISPATCH_FLOATING_TYPES_AND(at::kBFloat16, in.x.scalar_type(), "selective_scan_forward", [&] {
    using Acc = at::acc_type<scalar_t, true>;
    Params<scalar_t, Acc> p = params_for<scalar_t, Acc>(in, shape);
    p.y = y.data_ptr<scalar_t>();
    p.last_state = last.data_ptr<Acc>();
    p.chunk_states = save_states ? chunk_states.data_ptr<Acc>() : nullptr;
    launch(scan_forward_kernel<scalar_t, Acc>, p, shape,
           forward_shared_bytes(p.layout, shape.states, shape.chunk, sizeof(Acc)));
  });
  return {y, last, chunk_states};
}

ScanGradients scan_backward_cuda(const ScanTensors& in, const ScanShape& shape,
                                 const at::Tensor& chunk_states, const at::Tensor& gy) {
  const c10::cuda::CUDAGuard guard(in.x.device());
  const auto acc_options = in.x.options().dtype(in.a.scalar_type());
  ScanGradients g;
  g.dx = at::empty_like(in.x);
  g.ddelta = at::empty_like(in.delta);
  g.da = at::zeros_like(in.a);
  g.db = at::zeros({shape.batch, shape.states, shape.length}, acc_options);
  g.dc = at::zeros({shape.batch, shape.states, shape.length}, acc_options);
  if (shape.has_d) g.dd = at::zeros_like(in.d);
  if (shape.has_z) g.dz = at::empty_like(in.z);
  if (shape.has_bias) g.dbias = at::zeros_like(in.bias);
  AT_DISPATCH_FLOATING_TYPES_AND(at::kBFloat16, in.x.scalar_type(), "selective_scan_backward", [&] {
    using Acc = at::acc_type<scalar_t, true>;
    Params<scalar_t, Acc> p = params_for<scalar_t, Acc>(in, shape);
    p.chunk_states = chunk_states.data_ptr<Acc>();
    p.gy = gy.data_ptr<scalar_t>();
    p.dx = g.dx.data_ptr<scalar_t>();
    p.ddelta = g.ddelta.data_ptr<scalar_t>();
    p.dz = shape.has_z ? g.dz.data_ptr<scalar_t>() : nullptr;
    p.da = g.da.data_ptr<Acc>();
    p.db = g.db.data_ptr<Acc>();
    p.dc = g.dc.data_ptr<Acc>();
    p.dd = shape.has_d ? g.dd.data_ptr<Acc>() : nullptr;
    p.dbias = shape.has_bias ? g.dbias.data_ptr<Acc>() : nullptr;
    launch(scan_backward_kernel<scalar_t, Acc>, p, shape,
           backward_shared_bytes(p.layout, shape.states, shape.chunk, sizeof(Acc)));
  });
  return g;
}

}  // namespace mambastream
