package org.pathnorm.nn;

/**
 * What a feedforward {@link Workspace} does for hidden layer h (the output of weight layer h − 1):
 * compute its activations from its input, and in backward turn ∂L/∂(activations) into ∂L/∂z. The
 * plain stage fuses bias and ReLU into the GEMM ({@link ReluStage}); the components a network
 * composes replace it: the batch-moment collection of data-dependent optimisers ({@link MomentStage})
 * and DDP-Normalization ({@link DdpStage}).
 */
interface HiddenStage {

  /**
   * act [batch × h_h] = the hidden layer's output for the input in [batch × h_{h−1}] (at inOff), with
   * the network's parameters p; {@code training} selects batch statistics where the stage has any.
   */
  void forward(Network net, float[] in, int inOff, int batch, float[] act, boolean training);

  /** In place: d [batch × h_h] = ∂L/∂act becomes ∂L/∂z of weight layer h − 1. */
  void backward(float[] act, float[] d, int batch);

  /** After weight layer h − 1's gradient is written: the gradient its parameters get directly (none by default). */
  default void addDirectGradient(Network net, float[] grad) {}
}
