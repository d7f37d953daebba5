package org.pathnorm.nn;

import java.util.List;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.Kernels;

/**
 * What the layers without parameters (pooling, flatten) share: no tensors, no ReLU of their own, no
 * cache unless they override it, and node rescaling passes through them channel by channel
 * (they are positively homogeneous), so they have nothing of their own to rescale.
 */
abstract class ParameterFreeLayer implements Layer {
  /** Channels of the input (and the output): the units rescaling passes through. */
  final int channels;

  ParameterFreeLayer(int channels) {
    this.channels = channels;
  }

  /** What the layer is called in messages, e.g. {@code max pooling}. */
  abstract String kind();

  @Override public final int parameterCount() {
    return 0;
  }

  @Override public final List<ParameterTensor> tensors() {
    return List.of();
  }

  @Override public final boolean relu() {
    return false;
  }

  @Override public final int units() {
    return channels;
  }

  @Override public final boolean passesRescaling() {
    return true;
  }

  @Override public Cache newCache(int maxBatch, Kernels kernels, Gemm gemm) {
    return null;
  }

  @Override public final void scaleUnit(float[] p, int pOff, int unit, double c) {
    throw new UnsupportedOperationException(kind() + " has no parameters to rescale");
  }

  @Override public final void divideInput(float[] p, int pOff, int unit, double c) {
    throw new UnsupportedOperationException(kind() + " has no parameters to rescale");
  }
}
