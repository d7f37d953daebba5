package org.pathnorm.measures;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pathnorm.linalg.SpectralNorm;
import org.pathnorm.nn.Model;
import org.pathnorm.nn.ParameterTensor;
import org.pathnorm.nn.PathNormPass;
import org.pathnorm.simd.Kernels;

/**
 * Norms of a recurrent model unrolled over its T steps (docs/algorithms.md §1.4, §2.2): the path norms
 * φ_p = (Σ_paths Π_e |w_e|^p)^{1/p} of the unrolled feedforward graph, every time copy of a shared weight
 * an edge of its own, with and without the paths that start at a bias node ({@link PathNormPass}), and
 * the spectral norm ‖W_hh‖₂ of each recurrent matrix (Lanczos, {@link SpectralNorm}).
 *
 * @param phi1         φ₁ with bias paths
 * @param phi2         φ₂ with bias paths
 * @param phi1NoBias   φ₁ over the paths from the inputs only
 * @param phi2NoBias   φ₂ over the paths from the inputs only
 * @param spectralNorm ‖W_hh‖₂ by tensor name ({@code rnn.weight_hh_l0}, …)
 */
public record RecurrentMeasures(double phi1, double phi2, double phi1NoBias, double phi2NoBias, Map<String, Double> spectralNorm) {

  public RecurrentMeasures {
    spectralNorm = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(spectralNorm));
  }

  /** The measures of {@code model} (a recurrent model: its tensors named {@code …weight_hh_l<i>} are the W_hh). */
  public static RecurrentMeasures of(Model model, Kernels kernels) {
    PathNormPass pass = new PathNormPass(model);
    double phi1 = pass.lpPower(model, 1, true);
    double phi2 = Math.sqrt(pass.lpPower(model, 2, true));
    double phi1n = pass.lpPower(model, 1, false);
    double phi2n = Math.sqrt(pass.lpPower(model, 2, false));
    Map<String, Double> spectral = new LinkedHashMap<>();
    for (ParameterTensor t : model.tensors()) {
      if (!t.name().matches(".*weight_hh_l\\d+")) continue;
      int h = t.shape()[0];
      spectral.put(t.name(), SpectralNorm.lanczos(kernels, null, model.parameters(), t.offset(), h, h, 1e-6, Math.max(1, h)).value());
    }
    return new RecurrentMeasures(phi1, phi2, phi1n, phi2n, spectral);
  }
}
