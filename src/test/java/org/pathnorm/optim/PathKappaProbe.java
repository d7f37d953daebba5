package org.pathnorm.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Network;
import org.pathnorm.simd.KernelSelection;

/** Test access to the factored κ of {@link PathKappa}, for tests outside this package. */
public final class PathKappaProbe {
  private PathKappaProbe() {}

  /** κ (laid out like the parameters) equals PathKappa's γ_out²·γ_in² for every weight and γ_out² for every bias. */
  public static void assertSameKappa(Network net, float[] kappa, double tol) {
    Architecture a = net.architecture();
    PathKappa k = new PathKappa(a, KernelSelection.kernels());
    k.compute(net.parameters());
    for (int l = 0; l < a.depth(); l++) {
      for (int j = 0; j < a.out(l); j++) {
        for (int c = 0; c < a.in(l); c++) {
          float expected = k.weight(l, j, c);
          assertEquals(expected, kappa[a.weightOffset(l) + j * a.in(l) + c], tol * Math.abs(expected), "kappa of W_" + l + "[" + j + "," + c + "]");
        }
        assertEquals(k.bias(l, j), kappa[a.biasOffset(l) + j], tol * Math.abs(k.bias(l, j)), "kappa of b_" + l + "[" + j + "]");
      }
    }
  }
}
