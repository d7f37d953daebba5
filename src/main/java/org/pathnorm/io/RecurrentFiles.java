package org.pathnorm.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pathnorm.nn.Recurrent;
import org.pathnorm.nn.RecurrentInit;
import org.pathnorm.nn.RecurrentModels;
import org.pathnorm.nn.Sequential;

/**
 * Recurrent model files whose structure is not known in advance: PyTorch {@code nn.RNN} tensors under
 * {@code rnn} ({@code rnn.weight_ih_l0} [H₀, D], {@code rnn.weight_hh_l0} [H₀, H₀], biases, then
 * {@code _l1} … for stacked layers) and the read-out {@code fc.weight} [V, H_last], {@code fc.bias} [V],
 * as {@link RecurrentModels} writes them. The shapes give D, H per layer and V; the sequence length T
 * and the read-out (last step or every step) are not in the file and must be stated.
 */
public final class RecurrentFiles {
  private RecurrentFiles() {}

  /** Whether the file's tensors are those of a recurrent model ({@code rnn.weight_ih_l0} present). */
  public static boolean isRecurrent(Path file) throws IOException {
    return Safetensors.read(file).tensors().containsKey("rnn.weight_ih_l0");
  }

  /**
   * The model of {@code file} unrolled over {@code steps} steps (ReLU; the activation does not enter the
   * path norms), its parameters read from the file.
   *
   * @throws DataFormatException naming the file and the tensor that is missing or misshapen
   * @throws IllegalArgumentException unless steps ≥ 1
   */
  public static Sequential load(Path file, int steps, RecurrentModels.Readout readout) throws IOException {
    if (steps < 1) throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
    Map<String, Safetensors.Tensor> t = Safetensors.read(file).tensors();
    Safetensors.Tensor ih0 = t.get("rnn.weight_ih_l0");
    if (ih0 == null) throw new DataFormatException(file + ": no tensor rnn.weight_ih_l0: not a recurrent model (nn.RNN under 'rnn')");
    int inputs = dimension(file, "rnn.weight_ih_l0", ih0, 1);
    List<Integer> hidden = new ArrayList<>();
    int in = inputs;
    for (int l = 0; t.containsKey("rnn.weight_ih_l" + l); l++) {
      Safetensors.Tensor ih = t.get("rnn.weight_ih_l" + l);
      int h = dimension(file, "rnn.weight_ih_l" + l, ih, 0);
      if (dimension(file, "rnn.weight_ih_l" + l, ih, 1) != in) {
        throw new DataFormatException(file + ": tensor rnn.weight_ih_l" + l + " has " + ih.shape()[1] + " columns, expected " + in
            + " (the units below it)");
      }
      hidden.add(h);
      in = h;
    }
    Safetensors.Tensor fc = t.get("fc.weight");
    if (fc == null) throw new DataFormatException(file + ": no tensor fc.weight (the read-out nn.Linear under 'fc')");
    int outputs = dimension(file, "fc.weight", fc, 0);
    Sequential m = RecurrentModels.build(steps, inputs, hidden.stream().mapToInt(Integer::intValue).toArray(), Recurrent.Activation.RELU,
        readout, outputs, RecurrentInit.PYTORCH, 0);
    ModelFiles.loadInto(file, m);
    return m;
  }

  private static int dimension(Path file, String name, Safetensors.Tensor t, int axis) {
    if (t.shape().length != 2) {
      throw new DataFormatException(file + ": tensor " + name + " has shape " + java.util.Arrays.toString(t.shape()) + ", expected a matrix");
    }
    long d = t.shape()[axis];
    if (d < 1 || d > Integer.MAX_VALUE) throw new DataFormatException(file + ": tensor " + name + " has a dimension of " + d);
    return (int) d;
  }
}
