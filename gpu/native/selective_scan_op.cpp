// The autograd operator around the fused selective-scan kernels.
#include <torch/torch.h>

#include "selective_scan.h"

namespace mambastream {
namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

at::Tensor or_undefined(const std::optional<at::Tensor>& t) { return t.value_or(at::Tensor()); }

void check_shape(const at::Tensor& t, at::IntArrayRef expected, const char* name) {
  TORCH_CHECK_VALUE(t.sizes() == expected, "selective scan: ", name, " has shape ", t.sizes(),
                    ", expected ", expected);
}

/** Checks the arguments against x's (B, D, L) and A's (D, N) and returns the scan's shape. */
ScanShape shape_of(const ScanTensors& in, bool softplus, bool decay_only) {
  TORCH_CHECK_VALUE(in.x.dim() == 3, "selective scan: x must be (B, D, L), got ", in.x.sizes());
  TORCH_CHECK_VALUE(in.a.dim() == 2, "selective scan: A must be (D, N), got ", in.a.sizes());
  TORCH_CHECK_VALUE(in.x.is_cuda(), "selective scan: x must be on a CUDA device, got ",
                    in.x.device());
  const auto dtype = in.x.scalar_type();
  TORCH_CHECK_VALUE(dtype == at::kFloat || dtype == at::kBFloat16 || dtype == at::kDouble,
                    "selective scan: x must be float32, bfloat16 or float64, got ", dtype);
  ScanShape s{};
  s.batch = in.x.size(0);
  s.channels = in.x.size(1);
  s.length = in.x.size(2);
  s.states = in.a.size(1);
  TORCH_CHECK_VALUE(s.length >= 1, "selective scan: empty sequence");
  TORCH_CHECK_VALUE(s.states >= 1 && s.states <= max_states(), "selective scan: N = ", s.states,
                    " is outside 1..", max_states());
  check_shape(in.delta, in.x.sizes(), "delta");
  check_shape(in.a, {s.channels, s.states}, "A");
  check_shape(in.b, {s.batch, s.states, s.length}, "B");
  check_shape(in.c, {s.batch, s.states, s.length}, "C");
  s.has_d = in.d.defined();
  s.has_z = in.z.defined();
  s.has_bias = in.bias.defined();
  s.has_mask = in.mask.defined();
  if (s.has_d) check_shape(in.d, {s.channels}, "D");
  if (s.has_z) check_shape(in.z, in.x.sizes(), "z");
  if (s.has_bias) check_shape(in.bias, {s.channels}, "delta bias");
  if (s.has_mask) check_shape(in.mask, {s.batch, s.length}, "kept-mask");
  for (const at::Tensor* t : {&in.delta, &in.a, &in.b, &in.c, &in.d, &in.z, &in.bias, &in.mask}) {
    TORCH_CHECK_VALUE(!t->defined() || t->device() == in.x.device(),
                      "selective scan: all arguments must be on ", in.x.device(), ", one is on ",
                      t->device());
  }
  s.softplus = softplus;
  s.decay_only = decay_only;
  s.chunk = default_chunk(s.states, dtype);
  return s;
}

/** Contiguous copies in the kernel's types: sequences in x's dtype, parameters in Acc. */
ScanTensors normalised(const ScanTensors& in) {
  const auto dtype = in.x.scalar_type();
  const auto acc = dtype == at::kDouble ? at::kDouble : at::kFloat;
  auto seq = [&](const at::Tensor& t) { return t.defined() ? t.to(dtype).contiguous() : t; };
  auto param = [&](const at::Tensor& t) { return t.defined() ? t.to(acc).contiguous() : t; };
  return {seq(in.x),    seq(in.delta), param(in.a),    seq(in.b),
          seq(in.c),    param(in.d),   seq(in.z),      param(in.bias),
          in.mask.defined() ? in.mask.to(at::kFloat).contiguous() : in.mask};
}

/** Casts a gradient to the dtype of the argument it belongs to (undefined stays undefined). */
at::Tensor like(const at::Tensor& grad, const at::Tensor& arg) {
  return grad.defined() && arg.defined() ? grad.to(arg.scalar_type()) : at::Tensor();
}

class SelectiveScanFunction : public torch::autograd::Function<SelectiveScanFunction> {
 public:
  static variable_list forward(AutogradContext* ctx, const at::Tensor& x, const at::Tensor& delta,
                               const at::Tensor& a, const at::Tensor& b, const at::Tensor& c,
                               const std::optional<at::Tensor>& d,
                               const std::optional<at::Tensor>& z,
                               const std::optional<at::Tensor>& bias,
                               const std::optional<at::Tensor>& mask, bool softplus,
                               bool decay_only) {
    const ScanTensors given{x, delta, a, b, c, or_undefined(d), or_undefined(z), or_undefined(bias),
                            or_undefined(mask)};
    const ScanShape shape = shape_of(given, softplus, decay_only);
    const ScanTensors in = normalised(given);
    bool needs_grad = false;  // without any gradient to come, the chunk states are not saved
    for (const at::Tensor* t : {&x, &delta, &a, &b, &c, &given.d, &given.z, &given.bias}) {
      needs_grad |= t->defined() && t->requires_grad();
    }
    auto [y, last, chunk_states] = scan_forward_cuda(in, shape, needs_grad);
    ctx->save_for_backward(
        {in.x, in.delta, in.a, in.b, in.c, in.d, in.z, in.bias, in.mask, chunk_states});
    ctx->saved_data["softplus"] = softplus;
    ctx->saved_data["decay_only"] = decay_only;
    // The dtypes the gradients must come back in (the kernels work in x's dtype and Acc).
    ctx->saved_data["dtypes"] = std::vector<int64_t>{
        static_cast<int64_t>(a.scalar_type()), static_cast<int64_t>(b.scalar_type()),
        static_cast<int64_t>(c.scalar_type()), static_cast<int64_t>(delta.scalar_type()),
        d ? static_cast<int64_t>(d->scalar_type()) : -1,
        z ? static_cast<int64_t>(z->scalar_type()) : -1,
        bias ? static_cast<int64_t>(bias->scalar_type()) : -1};
    ctx->mark_non_differentiable({last});
    return {y, last};
  }

  static variable_list backward(AutogradContext* ctx, variable_list grads) {
    const variable_list saved = ctx->get_saved_variables();
    const ScanTensors in{saved[0], saved[1], saved[2], saved[3], saved[4],
                         saved[5], saved[6], saved[7], saved[8]};
    const ScanShape shape = shape_of(in, ctx->saved_data["softplus"].toBool(),
                                     ctx->saved_data["decay_only"].toBool());
    const at::Tensor gy = grads[0].to(in.x.scalar_type()).contiguous();
    TORCH_CHECK(saved[9].defined(), "selective scan: backward without saved chunk states");
    const ScanGradients g = scan_backward_cuda(in, shape, saved[9], gy);
    const auto dtypes = ctx->saved_data["dtypes"].toIntVector();
    auto as = [&](const at::Tensor& grad, int i) {
      return grad.defined() && dtypes[i] >= 0 ? grad.to(static_cast<at::ScalarType>(dtypes[i]))
                                              : at::Tensor();
    };
    return {g.dx, as(g.ddelta, 3), as(g.da, 0), as(g.db, 1), as(g.dc, 2), as(g.dd, 4),
            as(g.dz, 5), as(g.dbias, 6), at::Tensor(), at::Tensor(), at::Tensor()};
  }
};

std::optional<at::Tensor> optional(const at::Tensor& t) {
  return t.defined() ? std::optional<at::Tensor>(t) : std::nullopt;
}

}  // namespace

std::vector<at::Tensor> selective_scan(const ScanTensors& in, bool softplus, bool decay_only) {
  return SelectiveScanFunction::apply(in.x, in.delta, in.a, in.b, in.c, optional(in.d),
                                      optional(in.z), optional(in.bias), optional(in.mask),
                                      softplus, decay_only);
}

}  // namespace mambastream
