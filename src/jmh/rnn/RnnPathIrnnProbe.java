import org.pathnorm.data.AdditionProblem;
import org.pathnorm.data.Dataset;
import org.pathnorm.nn.Loss;
import org.pathnorm.nn.ParameterTensor;
import org.pathnorm.nn.PathNormPass;
import org.pathnorm.nn.Recurrent;
import org.pathnorm.nn.RecurrentInit;
import org.pathnorm.nn.RecurrentModels;
import org.pathnorm.nn.Sequential;
import org.pathnorm.optim.Method;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;
import org.pathnorm.train.GradientClipping;
import org.pathnorm.train.Trainer;
import org.pathnorm.train.TrainingConfig;

/**
 * Why RNN-Path diverges from the IRNN init (docs/algorithms.md §3.4, "RNN-Path from the IRNN init"): prints
 * κ⁽¹⁾ per tensor at the init (min, mean, max), then for η = 10⁻¹ … 10⁻⁷ the largest entry of the first
 * RNN-Path step on W_hh and W_out and the mini-batch MSE of 200 steps on the addition problem (batch 50,
 * momentum 0.9). Usage:
 * java --add-modules jdk.incubator.vector -cp target/classes src/jmh/rnn/RnnPathIrnnProbe.java T H irnn|gaussian CLIP
 * (CLIP 0: none). The figures in docs/algorithms.md come from T = 10, H = 16 and T = 50, H = 64, CLIP 0 and 1.
 */
public class RnnPathIrnnProbe {
  public static void main(String[] a) {
    int steps = Integer.parseInt(a[0]), h = Integer.parseInt(a[1]);
    RecurrentInit init = RecurrentInit.parse(a[2]);
    double clip = Double.parseDouble(a[3]);
    AdditionProblem.Sequences s = AdditionProblem.generate(2000, steps, 1);
    Dataset d = Dataset.regression("addition", s.features(), s.targets(), steps * 2, 1);
    int[] order = new int[d.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    boolean first = true;
    for (double lr = 1e-1; lr > 5e-8; lr /= 10) {
      Sequential m = RecurrentModels.build(steps, 2, new int[] {h}, Recurrent.Activation.RELU, RecurrentModels.Readout.LAST_STEP, 1, init, 42);
      if (first) {
        float[] k = new float[m.parameterCount()];
        new PathNormPass(m).kappa(m, k);
        for (ParameterTensor t : m.tensors()) {
          double mn = Double.MAX_VALUE, mx = 0, sum = 0;
          for (int i = t.offset(); i < t.offset() + t.size(); i++) {
            mn = Math.min(mn, k[i]);
            mx = Math.max(mx, k[i]);
            sum += k[i];
          }
          System.out.printf("kappa %-18s min %.3g mean %.3g max %.3g%n", t.name(), mn, sum / t.size(), mx);
        }
        first = false;
      }
      TrainingConfig cfg = TrainingConfig.builder().batch(50).threads(1).seed(1).loss(Loss.SQUARED_ERROR)
          .clipping(clip > 0 ? new GradientClipping.GlobalNorm(clip) : new GradientClipping.None()).build();
      StringBuilder b = new StringBuilder();
      try (Trainer tr = new Trainer(m, OptimizerSpec.of(Method.PATH_SGD), Schedule.constant(lr, 0.9), cfg)) {
        float[] p0 = m.parameters().clone();
        for (int step = 0; step < 200; step++) {
          double loss = tr.trainStep(d, order, (step * 50) % d.size(), 50);
          if (step == 0) b.append(String.format(" first step: max|dW_hh| %.3g, max|dW_out| %.3g;", maxChange(m, p0, 1), maxChange(m, p0, 4)));
          if (!Double.isFinite(loss)) {
            b.append(" diverged at step ").append(step + 1);
            break;
          }
          if (step % 40 == 0 || step == 199) b.append(String.format(" s%d %.4g", step + 1, loss));
        }
      }
      System.out.printf("lr %.0e:%s%n", lr, b);
    }
  }

  static double maxChange(Sequential m, float[] before, int tensor) {
    ParameterTensor t = m.tensors().get(tensor);
    double mx = 0;
    for (int i = t.offset(); i < t.offset() + t.size(); i++) mx = Math.max(mx, Math.abs(m.parameters()[i] - before[i]));
    return mx;
  }
}
