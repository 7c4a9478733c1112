/**
 * Reading, writing and checking model weights: PyTorch {@code .pth} archives and safetensors files.
 *
 * <p>Entry points: {@link io.mambastream.backbones.checkpoint.Checkpoints} reads a file into a
 * {@link io.mambastream.backbones.checkpoint.StateDict} (an ordered map of name to {@link
 * io.mambastream.backbones.checkpoint.TensorData}) and writes safetensors; {@link
 * io.mambastream.backbones.checkpoint.StateDictCheck} compares a state dict with the names and
 * shapes a model expects.
 *
 * <p>Files are untrusted input. A {@code .pth} pickle is interpreted by a restricted unpickler that
 * knows only the few globals {@code torch.save} emits for tensors (an allowlist) and never calls
 * anything else; sizes, offsets and strides are checked against the bytes the file really holds
 * before anything large is allocated, so a broken or hostile file ends in a {@link
 * io.mambastream.backbones.checkpoint.CheckpointFormatException} naming the problem.
 */
package io.mambastream.backbones.checkpoint;
