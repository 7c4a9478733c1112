// JNI entry points of io.mambastream.backbones.cuda.CudaLibrary. DJL's PyTorch handles are
// addresses of heap torch::Tensor objects: inputs are borrowed, results are new heap tensors that
// Java adopts (PtNDArray.close() deletes them).
#include <c10/cuda/CUDACachingAllocator.h>
#include <cuda_runtime_api.h>
#include <jni.h>
#include <torch/torch.h>
#include <torch/version.h>

#include <string>

#include "selective_scan.h"

namespace {

at::Tensor borrow(jlong handle) {
  return handle == 0 ? at::Tensor() : *reinterpret_cast<at::Tensor*>(handle);
}

/** Rethrows a C++ exception as a Java one: bad arguments as IllegalArgumentException. */
void throw_java(JNIEnv* env, const char* type, const std::string& message) {
  jclass cls = env->FindClass(type);
  if (cls != nullptr) env->ThrowNew(cls, message.c_str());
}

template <typename F>
auto guarded(JNIEnv* env, F body, decltype(body()) fallback) -> decltype(body()) {
  try {
    return body();
  } catch (const c10::ValueError& e) {
    throw_java(env, "java/lang/IllegalArgumentException", e.what_without_backtrace());
  } catch (const c10::OutOfMemoryError& e) {
    throw_java(env, "ai/djl/engine/EngineException", e.what_without_backtrace());
  } catch (const c10::Error& e) {
    throw_java(env, "ai/djl/engine/EngineException", e.what_without_backtrace());
  } catch (const std::exception& e) {
    throw_java(env, "ai/djl/engine/EngineException", e.what());
  }
  return fallback;
}

}  // namespace

extern "C" {

JNIEXPORT jstring JNICALL Java_io_mambastream_backbones_cuda_CudaLibrary_describeNative(JNIEnv* env,
                                                                                       jclass) {
  int runtime = 0;
  cudaRuntimeGetVersion(&runtime);
  const std::string text = "mambastream-cuda 1 (selective scan fwd+bwd, N <= " +
                           std::to_string(mambastream::max_states()) + "; libtorch " +
                           TORCH_VERSION + "; CUDA runtime " + std::to_string(runtime / 1000) +
                           "." + std::to_string(runtime % 1000 / 10) + ")";
  return env->NewStringUTF(text.c_str());
}

JNIEXPORT void JNICALL Java_io_mambastream_backbones_cuda_CudaLibrary_resetPeakMemoryNative(
    JNIEnv* env, jclass, jint device) {
  guarded(env, [&] {
    c10::cuda::CUDACachingAllocator::resetPeakStats(static_cast<c10::DeviceIndex>(device));
    return 0;
  }, 0);
}

JNIEXPORT jlong JNICALL Java_io_mambastream_backbones_cuda_CudaLibrary_peakAllocatedBytesNative(
    JNIEnv* env, jclass, jint device) {
  return guarded(env, [&]() -> jlong {
    const auto stats =
        c10::cuda::CUDACachingAllocator::getDeviceStats(static_cast<c10::DeviceIndex>(device));
    return static_cast<jlong>(
        stats.allocated_bytes[0].peak);  // 0: the aggregate over all pools
  }, jlong{-1});
}

JNIEXPORT jlongArray JNICALL Java_io_mambastream_backbones_cuda_CudaLibrary_selectiveScanNative(
    JNIEnv* env, jclass, jlong x, jlong delta, jlong a, jlong b, jlong c, jlong d, jlong z,
    jlong bias, jboolean softplus, jlong mask, jboolean decay_only) {
  return guarded(env, [&]() -> jlongArray {
    const mambastream::ScanTensors in{borrow(x), borrow(delta), borrow(a),    borrow(b),   borrow(c),
                                      borrow(d), borrow(z),     borrow(bias), borrow(mask)};
    std::vector<at::Tensor> out = mambastream::selective_scan(in, softplus, decay_only);
    jlongArray handles = env->NewLongArray(2);
    if (handles == nullptr) return nullptr;  // OutOfMemoryError is pending
    const jlong values[2] = {reinterpret_cast<jlong>(new at::Tensor(std::move(out[0]))),
                             reinterpret_cast<jlong>(new at::Tensor(std::move(out[1])))};
    env->SetLongArrayRegion(handles, 0, 2, values);
    return handles;
  }, static_cast<jlongArray>(nullptr));
}

}  // extern "C"
