package org.pathnorm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnorm.data.Dataset;
import org.pathnorm.data.Synthetic;
import org.pathnorm.io.FaultInjection;
import org.pathnorm.io.Safetensors;
import org.pathnorm.nn.ConvNetSpec;
import org.pathnorm.nn.Model;
import org.pathnorm.nn.ParameterTensor;
import org.pathnorm.nn.Sequential;

/**
 * The epoch snapshot's arrays serve every epoch ({@link Checkpoint#refreshed}): each epoch's committed
 * {@code last.safetensors} must still hold that epoch's weights, even when a commit is slower than the
 * next epoch, and a refresh must copy buffers as well as parameters.
 */
class CheckpointSnapshotTest {

  @AfterEach
  void removeHook() {
    FaultInjection.set(null);
  }

  @Test
  void aRefreshCopiesParametersAndBuffersIntoTheSameArrays() {
    Sequential m = ConvNetSpec.parse("2x4x4:c3k3p1bn-fc4bn-2").build(3);
    Model copy = Checkpoint.refreshed(null, m);
    assertNotSame(m, copy);
    assertArrayEquals(m.parameters(), copy.parameters());
    float[] params = copy.parameters();
    m.parameters()[5] += 1f;
    m.buffers().get("1.running_var")[2] = 7.5f;
    assertSame(copy, Checkpoint.refreshed(copy, m), "same shapes: the same copy");
    assertSame(params, copy.parameters());
    assertArrayEquals(m.parameters(), copy.parameters());
    for (Map.Entry<String, float[]> b : m.buffers().entrySet()) {
      assertArrayEquals(b.getValue(), copy.buffers().get(b.getKey()), b.getKey());
      assertNotSame(b.getValue(), copy.buffers().get(b.getKey()), b.getKey());
    }
    Sequential other = ConvNetSpec.parse("2x4x4:c2k3p1bn-fc4bn-2").build(3);
    Model fresh = Checkpoint.refreshed(copy, other);
    assertNotSame(copy, fresh, "other shapes: a new copy");
    assertArrayEquals(other.parameters(), fresh.parameters());
  }

  @Test
  void anOptimizerStateRefreshKeepsItsArraysWhileNamesAndLengthsMatch() {
    Map<String, float[]> state = new LinkedHashMap<>();
    state.put("v", new float[] {1, 2, 3});
    state.put("m", new float[] {4});
    Map<String, float[]> copy = Checkpoint.refreshed(null, state);
    assertEquals(List.of("m", "v"), new ArrayList<>(copy.keySet()), "sorted by name");
    float[] v = copy.get("v");
    state.get("v")[1] = 9;
    assertSame(copy, Checkpoint.refreshed(copy, state));
    assertSame(v, copy.get("v"));
    assertArrayEquals(new float[] {1, 9, 3}, copy.get("v"));
    state.put("v", new float[] {1, 2});
    Map<String, float[]> fresh = Checkpoint.refreshed(copy, state);
    assertNotSame(copy, fresh);
    assertArrayEquals(new float[] {1, 2}, fresh.get("v"));
  }

  @Test
  void everyEpochCommitsThatEpochsWeightsWhenCommitsLagBehindTraining(@TempDir Path dir) throws Exception {
    Dataset train = Synthetic.clusters(64, 6, 3, 3);
    List<float[]> atEpochEnd = Collections.synchronizedList(new ArrayList<>());
    List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
    int[] renames = {0};
    List<List<ParameterTensor>> tensors = new ArrayList<>();
    FaultInjection.set((op, file) -> {
      String name = file.getFileName().toString();
      if (op.equals("write") && name.contains("last.safetensors")) {
        try {
          Thread.sleep(60); // a commit slower than an epoch: the next epoch ends while it is in flight
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (op.equals("rename") && name.equals(Checkpoint.LAST)) {
        int epoch = renames[0]++;
        Safetensors.Contents c;
        try {
          c = Safetensors.read(file.resolveSibling(".last.safetensors.pending"));
        } catch (IOException e) {
          mismatches.add("epoch " + (epoch + 1) + ": " + e.getMessage());
          return;
        }
        if (!sameWeights(c, tensors.get(0), atEpochEnd.get(epoch))) mismatches.add("epoch " + (epoch + 1));
      }
    });
    try (Trainer t = CheckpointFaultInjectionTest.trainer()) {
      tensors.add(t.model().tensors());
      Checkpoint cp = new Checkpoint(dir);
      cp.startFresh("{}\n");
      // recorded before the checkpoint's own onEpoch starts the commit
      t.addListener(new TrainingListener() {
        @Override public void onEpoch(Trainer tr, EpochStats s) {
          atEpochEnd.add(tr.model().parameters().clone());
        }
      }).addListener(cp);
      t.fit(train, Synthetic.clusters(40, 6, 3, 4), null);
    }
    assertEquals(2, renames[0], "one commit of last.safetensors an epoch");
    assertEquals(List.of(), mismatches);
    assertEquals(true, Files.exists(dir.resolve(Checkpoint.LAST)));
  }

  /** Whether every tensor of the file holds, bit for bit, the model's parameters at its offset. */
  private static boolean sameWeights(Safetensors.Contents c, List<ParameterTensor> tensors, float[] params) {
    for (ParameterTensor t : tensors) {
      Safetensors.Tensor stored = c.tensors().get(t.name());
      if (stored == null || stored.data().length != t.size()) return false;
      for (int i = 0; i < t.size(); i++) {
        if (Float.floatToRawIntBits(stored.data()[i]) != Float.floatToRawIntBits(params[t.offset() + i])) return false;
      }
    }
    return true;
  }
}
