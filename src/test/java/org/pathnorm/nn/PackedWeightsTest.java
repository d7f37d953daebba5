package org.pathnorm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

/**
 * The evaluation forward pass on weights packed once ({@link Workspace#forward(Network, PackedWeights,
 * float[], int, int)}) against the plain forward pass, bit for bit: awkward widths, batches below and
 * above the widths (where the plain pass computes a layer as (W·xᵀ)ᵀ), an input offset, both kernel sets;
 * packing again after the weights change; and the misuses it refuses.
 */
class PackedWeightsTest {

  @Test
  void packedForwardEqualsThePlainForwardBitForBit() {
    SplittableRandom r = new SplittableRandom(3);
    for (Kernels k : KernelsUnderTest.all()) {
      for (String spec : List.of("1-1", "7-15-1", "17-33-31-16", "40-700-10", "100-513-10", "784-256-10")) {
        Architecture a = Architecture.parse(spec);
        Network net = new Network(a);
        Initializer.GAUSSIAN.initialize(net, 5);
        PackedWeights packed = new PackedWeights();
        Gemm packer = new Gemm(k, null);
        for (int batch : new int[] {1, 7, 33, 64, 257}) {
          float[] x = new float[3 + batch * a.inputs()];
          for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
          Workspace plain = new Workspace(a, batch, k, new Gemm(k, null));
          Workspace viaPacked = new Workspace(a, batch, k, new Gemm(k, null));
          for (int round = 0; round < 2; round++) {
            packed.pack(net, packer);
            float[] want = Arrays.copyOf(plain.forward(net, x, 3, batch), batch * a.outputs());
            float[] got = Arrays.copyOf(viaPacked.forward(net, packed, x, 3, batch), batch * a.outputs());
            assertArrayEquals(want, got, 0f, k.name() + " " + spec + " batch " + batch + " round " + round);
            for (int h = 1; h < a.depth(); h++) {
              assertArrayEquals(plain.activation(h), viaPacked.activation(h), 0f, k.name() + " " + spec + " hidden layer " + h);
            }
            // new weights: packing again must pick them up
            float[] p = net.parameters();
            for (int i = 0; i < p.length; i++) p[i] *= 1.5f;
          }
        }
      }
    }
  }

  @Test
  void refusesANormalisedNetworkAndWeightsOfAnotherArchitecture() {
    Kernels k = KernelsUnderTest.all().get(0);
    Architecture a = Architecture.parse("5-6-3");
    Network plain = new Network(a);
    Initializer.GAUSSIAN.initialize(plain, 1);
    PackedWeights packed = new PackedWeights().pack(plain, new Gemm(k, null));
    Workspace ws = new Workspace(a, 4, k, new Gemm(k, null));
    Network normalised = new Network(a, plain.parameters().clone(), new DdpNormalization(a, 0.5, true));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> ws.forward(normalised, packed, new float[20], 0, 4));
    assertTrue(e.getMessage().contains("DDP-Normalization"), e.getMessage());
    Architecture other = Architecture.parse("5-7-3");
    Network wider = new Network(other);
    Workspace otherWs = new Workspace(other, 4, k, new Gemm(k, null));
    e = assertThrows(IllegalStateException.class, () -> otherWs.forward(wider, packed, new float[20], 0, 4));
    assertTrue(e.getMessage().contains("5-6-3") && e.getMessage().contains("5-7-3"), e.getMessage());
  }
}
