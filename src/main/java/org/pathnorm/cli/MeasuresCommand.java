package org.pathnorm.cli;

import org.pathnorm.linalg.WorkerPools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import org.pathnorm.data.DatasetSpec;
import org.pathnorm.io.AtomicFiles;
import org.pathnorm.io.NetworkFiles;
import org.pathnorm.measures.MeasureJson;
import org.pathnorm.measures.MeasureOptions;
import org.pathnorm.measures.MeasureReport;
import org.pathnorm.measures.MeasureTable;
import org.pathnorm.measures.Measures;
import org.pathnorm.measures.PacBayes;
import org.pathnorm.measures.PerturbationConditions;
import org.pathnorm.measures.Sharpness;
import org.pathnorm.io.RecurrentFiles;
import org.pathnorm.measures.RecurrentMeasures;
import org.pathnorm.nn.ConvNetSpec;
import org.pathnorm.nn.Model;
import org.pathnorm.nn.Network;
import org.pathnorm.io.ModelFiles;
import org.pathnorm.nn.RecurrentModels;
import org.pathnorm.nn.Sequential;
import org.pathnorm.optim.RnnKappa;
import org.pathnorm.simd.KernelSelection;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pathnorm measures}: the complexity measures and bounds of docs/algorithms.md §2 for a saved network. */
@Command(name = "measures", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Complexity measures and generalisation bounds of a trained network (docs/algorithms.md §2); margins on the training split.")
final class MeasuresCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, description = "The network (.safetensors, PathNorm or PyTorch nn.Sequential names), or a "
      + "recurrent model (nn.RNN under 'rnn' + nn.Linear under 'fc', as train --model rnn writes it; needs --steps).") Path model;
  @Option(names = "--arch", description = "Conv models: the conv architecture the file was trained with (CxHxW:tokens, as train --arch; "
      + "the run's config.json 'arch'). Batch norm is folded and kernels are measured as [out, in·kh·kw] matrices.") String arch;
  @Option(names = "--steps", description = "Recurrent models: the sequence length T the network is unrolled over (required for them).")
  Integer steps;
  @Option(names = "--readout", defaultValue = "last", description = "Recurrent models: the read-out at the last step or at every step "
      + "(last|every; default: ${DEFAULT-VALUE}).") String readout;
  @Option(names = "--init", description = "Its weights at initialisation (for distances from init and the bounds using them).") Path init;
  @Option(names = "--data", defaultValue = "digits", description = "Dataset spec; its training split is used (default: ${DEFAULT-VALUE}).") String data;
  @Option(names = "--validation", defaultValue = "0", description = "Samples held out as in pathnorm train --validation, so the training split is the run's (default: ${DEFAULT-VALUE}).") int validation;
  @Option(names = "--margin-percentile", defaultValue = "5", description = "Percentile of the training margins taken as γ (default: ${DEFAULT-VALUE}; Fantastic-measures: 10).") double percentile;
  @Option(names = "--path-norm", split = ",", description = "The p of the ℓp path norms (default: 1,1.5,2).") List<Double> pathNormPs;
  @Option(names = "--group-norm", description = "Extra μ_{p,q} per layer, as p,q (e.g. 2,inf); repeatable.") List<String> groupNorms = new ArrayList<>();
  @Option(names = "--sharpness", description = "Keskar sharpness (α 5e-4, 2000 ascent steps, batch 64, lr 0.01, momentum 0.9).") boolean sharpness;
  @Option(names = "--sharpness-alpha", defaultValue = "5e-4", description = "Box size α (default: ${DEFAULT-VALUE}).") double sharpAlpha;
  @Option(names = "--sharpness-steps", defaultValue = "2000", description = "Ascent steps (default: ${DEFAULT-VALUE}).") int sharpSteps;
  @Option(names = "--pac-bayes", description = "PAC-Bayes expected sharpness over an α sweep, with the KL, and σ at a target loss increase.") boolean pacBayes;
  @Option(names = "--pac-bayes-draws", defaultValue = "1000", description = "Draws per α (default: ${DEFAULT-VALUE}).") int draws;
  @Option(names = "--conditions", description = "Conditions C1–C3 of the perturbation theorem (docs/algorithms.md §2.7).") boolean conditions;
  @Option(names = "--conditions-samples", defaultValue = "100", description = "Training samples for C1/C2 (default: ${DEFAULT-VALUE}).") int conditionSamples;
  @Option(names = "--svd-max-work", defaultValue = "268435456", description = "Schatten norms (exact SVD) for layers with min(rows,cols)^2*max(rows,cols) up to this (default: ${DEFAULT-VALUE}, about 1.5 s).") long svdMaxWork;
  @Option(names = "--threads", defaultValue = "1", description = "Threads (default: ${DEFAULT-VALUE}).") int threads;
  @Option(names = "--seed", defaultValue = "1", description = "Seed of mini-batches and perturbations (default: ${DEFAULT-VALUE}).") long seed;
  @Option(names = "--json", description = "Print one JSON object instead of the table.") boolean json;
  @Option(names = "--out", description = "Also write the JSON to this file (atomically).") Path out;

  @Override public Integer call() throws Exception {
    MeasureOptions o = MeasureOptions.defaults().withMarginPercentile(percentile).withGroupNorms(parseGroupNorms()).withSvdMaxWork(svdMaxWork)
        .withPathNormPs(pathNormPs == null ? MeasureOptions.defaults().pathNormPs() : pathNormPs)
        .withSeed(seed);
    Sharpness.Options paper = Sharpness.Options.paper();
    if (sharpness) o = o.withSharpness(new Sharpness.Options(sharpAlpha, sharpSteps, paper.batch(), paper.lr(), paper.momentum(), 0));
    if (pacBayes) {
      PacBayes.Options p = PacBayes.Options.paper();
      o = o.withPacBayes(new PacBayes.Options(p.alphas(), draws, p.batch(), p.target()));
    }
    if (conditions) {
      o = o.withConditions(new PerturbationConditions.Options(conditionSamples, PerturbationConditions.Options.defaults().epsilons()));
    }
    if (!java.nio.file.Files.isRegularFile(model)) throw new IllegalArgumentException("--model " + model + ": expected a .safetensors file, found "
        + (java.nio.file.Files.isDirectory(model) ? "a directory" : "no such file"));
    if (init != null && !java.nio.file.Files.isRegularFile(init)) throw new IllegalArgumentException("--init " + init
        + ": expected a .safetensors file, found " + (java.nio.file.Files.isDirectory(init) ? "a directory" : "no such file"));
    if (out != null && java.nio.file.Files.isDirectory(out)) throw new IllegalArgumentException("--out " + out + ": expected a file name, found a directory");
    if (RecurrentFiles.isRecurrent(model)) return recurrent();
    if (steps != null) throw new IllegalArgumentException("--steps " + steps + ": " + model + " is not a recurrent model (no rnn.weight_ih_l0)");
    Model net;
    Model initNet;
    if (arch != null) {
      if (!ConvNetSpec.isConvSpec(arch)) {
        throw new IllegalArgumentException("--arch " + arch + ": expected a conv architecture CxHxW:tokens (a feedforward file carries its widths)");
      }
      ConvNetSpec spec = ConvNetSpec.parse(arch);
      net = spec.build(1);
      ModelFiles.loadInto(model, net);
      initNet = null;
      if (init != null) {
        initNet = spec.build(1);
        ModelFiles.loadInto(init, initNet);
      }
    } else {
      if (hasKernels(model)) {
        throw new IllegalArgumentException("--arch: " + model + " holds convolution kernels; state its architecture, e.g. --arch 3x32x32:vgg-10");
      }
      net = NetworkFiles.load(model);
      initNet = init == null ? null : NetworkFiles.load(init);
    }
    DatasetSpec.Splits splits = DatasetSpec.load(data, validation);
    ForkJoinPool pool = WorkerPools.create(threads);
    try {
      MeasureReport r = Measures.compute(net, initNet, splits.train(), o, pool);
      String text = MeasureJson.toJson(r);
      if (out != null) AtomicFiles.writeString(out, text + "\n");
      System.out.print(json ? text + System.lineSeparator() : MeasureTable.format(r));
    } finally {
      if (pool != null) pool.shutdown();
    }
    return 0;
  }

  /** A recurrent model file: path norms of the unrolled network, κ ratios, spectral norms of W_hh. */
  private Integer recurrent() throws Exception {
    if (steps == null) {
      throw new IllegalArgumentException("--steps: " + model + " is a recurrent model; state the sequence length T to unroll it over, e.g. --steps 100");
    }
    RecurrentModels.Readout r;
    switch (readout.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "last": r = RecurrentModels.Readout.LAST_STEP; break;
      case "every": r = RecurrentModels.Readout.EVERY_STEP; break;
      default: throw new IllegalArgumentException("--readout: expected last or every, got '" + readout + "'");
    }
    Sequential m = RecurrentFiles.load(model, steps, r);
    RecurrentMeasures measures = RecurrentMeasures.of(m, KernelSelection.kernels());
    Map<String, Double> ratios = new RnnKappa(m).ratios(m);
    String text = RecurrentMeasuresOutput.json(model.toString(), m, steps, readout.trim().toLowerCase(java.util.Locale.ROOT), measures, ratios);
    if (out != null) AtomicFiles.writeString(out, text + "\n");
    System.out.print(json ? text + System.lineSeparator()
        : RecurrentMeasuresOutput.table(model.toString(), m, steps, readout.trim().toLowerCase(java.util.Locale.ROOT), measures, ratios));
    return 0;
  }

  /** Whether the file holds a 4-d tensor (a convolution kernel). */
  private static boolean hasKernels(Path file) throws java.io.IOException {
    return org.pathnorm.io.Safetensors.read(file).tensors().values().stream().anyMatch(t -> t.shape().length == 4);
  }

  private List<double[]> parseGroupNorms() {
    List<double[]> r = new ArrayList<>();
    for (String s : groupNorms) {
      String[] pq = s.split(",");
      if (pq.length != 2) throw new IllegalArgumentException("--group-norm: expected p,q (e.g. 2,inf), got '" + s + "'");
      r.add(new double[] {exponent(pq[0], s), exponent(pq[1], s)});
    }
    return r;
  }

  private static double exponent(String v, String whole) {
    String t = v.trim();
    if (t.equalsIgnoreCase("inf") || t.equalsIgnoreCase("infinity")) return Double.POSITIVE_INFINITY;
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--group-norm '" + whole + "': '" + v + "' is not a number or inf");
    }
  }
}
