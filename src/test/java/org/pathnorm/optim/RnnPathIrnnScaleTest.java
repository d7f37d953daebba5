package org.pathnorm.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pathnorm.nn.PathNormPass;
import org.pathnorm.nn.Recurrent;
import org.pathnorm.nn.RecurrentInit;
import org.pathnorm.nn.RecurrentModels;
import org.pathnorm.nn.Sequential;

/**
 * Why RNN-Path diverges from the IRNN init (docs/algorithms.md §3.4, "RNN-Path from the IRNN init"): with
 * W_hh = I, zero biases and a last-step read-out, κ⁽¹⁾ of every recurrent weight is
 *
 * <pre>  κ⁽¹⁾(W_hh[j, k]) = c_j · a_k · T(T − 1)/2,   a_k = Σ_d W_ih[k, d]²,   c_j = Σ_o W_out[o, j]²</pre>
 *
 * (one path per earlier input step, along the identity), so with the IRNN's input weights of σ = 10⁻³ it is
 * 10⁻⁴ to 10⁻⁶ of its value at the Gaussian init and RNN-Path's step η·g/κ on W_hh is that much larger.
 */
class RnnPathIrnnScaleTest {

  @Test
  void kappaOfTheRecurrentWeightsAtTheIrnnInitIsTheProductFormula() {
    for (int steps : new int[] {1, 2, 10, 50}) {
      for (int h : new int[] {1, 7, 16}) {
        int d = 2;
        Sequential m = RecurrentModels.build(steps, d, new int[] {h}, Recurrent.Activation.RELU, RecurrentModels.Readout.LAST_STEP, 3,
            RecurrentInit.IRNN, 5);
        float[] kappa = new float[m.parameterCount()];
        new PathNormPass(m).kappa(m, kappa);
        float[] p = m.parameters();
        Recurrent r = (Recurrent) m.layers().get(0);
        int out = m.layerOffset(1);
        for (int j = 0; j < h; j++) {
          double c = 0;
          for (int o = 0; o < 3; o++) c += (double) p[out + o * h + j] * p[out + o * h + j];
          for (int k = 0; k < h; k++) {
            double a = 0;
            for (int q = 0; q < d; q++) a += (double) p[k * d + q] * p[k * d + q];
            double want = c * a * steps * (steps - 1) / 2;
            assertEquals(want, kappa[r.recurrentWeightOffset() + j * h + k], 1e-4 * want + 1e-30, "T=" + steps + " H=" + h + " W_hh[" + j + "," + k + "]");
          }
        }
      }
    }
  }

  @Test
  void irnnKappaOfTheRecurrentWeightsIsOver10000TimesSmallerThanAtTheGaussianInit() {
    int steps = 10, h = 16;
    double[] mean = new double[2];
    RecurrentInit[] inits = {RecurrentInit.IRNN, RecurrentInit.GAUSSIAN};
    for (int i = 0; i < 2; i++) {
      Sequential m = RecurrentModels.build(steps, 2, new int[] {h}, Recurrent.Activation.RELU, RecurrentModels.Readout.LAST_STEP, 1, inits[i], 42);
      float[] kappa = new float[m.parameterCount()];
      new PathNormPass(m).kappa(m, kappa);
      int off = ((Recurrent) m.layers().get(0)).recurrentWeightOffset();
      for (int e = 0; e < h * h; e++) mean[i] += kappa[off + e] / (h * h);
    }
    assertTrue(mean[1] / mean[0] > 1e4, "mean κ(W_hh): IRNN " + mean[0] + ", Gaussian " + mean[1]);
  }
}
