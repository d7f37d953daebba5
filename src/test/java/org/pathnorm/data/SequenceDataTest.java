package org.pathnorm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sequential images (seq:, seq-permuted:) and character-level text (text:), and datasets with a label at every step. */
class SequenceDataTest {
  @TempDir Path dir;

  @Test
  void plainSequentialImagesAreThePixelsInRowMajorOrder() {
    DatasetSpec.Splits img = DatasetSpec.load("digits", 0);
    DatasetSpec.Splits seq = DatasetSpec.load("seq:digits", 0);
    assertArrayEquals(img.train().features(), seq.train().features());
    assertArrayEquals(img.test().labels(), seq.test().labels());
    assertEquals(64, seq.train().dimension());
    assertEquals(1, seq.train().labelsPerSample());
  }

  @Test
  void permutedSequencesUseOneFixedSeededPermutationForEverySample() {
    Dataset img = DatasetSpec.load("digits", 0).test();
    Dataset seq = DatasetSpec.load("seq-permuted:digits", 0).test();
    int[] pi = SequentialImages.permutation(64, SequentialImages.DEFAULT_PERMUTATION_SEED);
    int[] sorted = pi.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < 64; i++) assertEquals(i, sorted[i]);
    assertNotEquals(Arrays.toString(sorted), Arrays.toString(pi));
    for (int s : new int[] {0, 7, img.size() - 1}) {
      for (int t = 0; t < 64; t++) assertEquals(img.features()[s * 64 + pi[t]], seq.features()[s * 64 + t]);
    }
    assertArrayEquals(img.labels(), seq.labels());
    assertNull(seq.shape());
    assertArrayEquals(seq.features(), DatasetSpec.load("seq-permuted@0:digits", 0).test().features());
    float[] other = DatasetSpec.load("seq-permuted@5:digits", 0).test().features();
    assertNotEquals(Arrays.hashCode(seq.features()), Arrays.hashCode(other));
    assertArrayEquals(SequentialImages.permutation(64, 5), SequentialImages.permutation(64, 5));
  }

  @Test
  void sequentialImagesRejectBadSpecsInOneLine() {
    for (String spec : new String[] {"seq:", "seq", "seq-permuted@x:digits", "seq:synthetic:n=50"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetSpec.read(spec), spec);
      assertTrue(e.getMessage().contains(spec) || e.getMessage().contains("seq"), e.getMessage());
      assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DatasetSpec.read("seq:synthetic:n=50")).getMessage()
        .contains("one-channel images"));
  }

  @Test
  void textWindowsAreOneHotWithTheNextCharacterAsLabelAtEveryStep() throws IOException {
    String text = "abcabcabd" + "xaab" + "cc";    // 15 bytes
    Path f = dir.resolve("t.txt");
    Files.write(f, text.getBytes(StandardCharsets.ISO_8859_1));
    DatasetSpec.Source src = DatasetSpec.read("text:" + f + ",steps=3,test=0.4");
    // cut = round(15 · 0.6) = 9: training "abcabcabd", test "xaabcc"; vocabulary a b c d + unknown
    Dataset tr = src.train();
    assertEquals(5, tr.classes());
    assertEquals(3, tr.labelsPerSample());
    assertEquals(2, tr.size());   // (9 − 1) / 3 windows
    assertEquals(15, tr.dimension());
    assertArrayEquals(new int[] {1, 2, 0, 1, 2, 0}, tr.labels());   // b c a | b c a
    assertOneHot(tr.features(), 0, new int[] {0, 1, 2, 0, 1, 2}, 5);
    Dataset te = src.test();
    assertEquals(1, te.size());   // (6 − 1) / 3
    assertArrayEquals(new int[] {0, 0, 1}, te.labels());   // "xaa" → "aab"; x is unknown (index 4)
    assertOneHot(te.features(), 0, new int[] {4, 0, 0}, 5);
    assertEquals(java.util.List.of(f), src.files());
    // splits: the validation set is the last windows of the training part
    DatasetSpec.Splits s = DatasetSpec.split(src, 1);
    assertArrayEquals(new int[] {1, 2, 0}, s.validation().labels());
    assertEquals(1, s.train().size());
  }

  @Test
  void textOptionsAndErrorsName() throws IOException {
    Path f = dir.resolve("t.txt");
    Files.writeString(f, "hello world, hello text");
    assertEquals(2, DatasetSpec.read("text:" + f + ",steps=2,test=0.5,chars=12").train().size());   // (round(12·0.5) − 1) / 2
    assertEquals(5, DatasetSpec.read("text:" + f + ",steps=2,test=0.5").train().size());   // (round(23·0.5) − 1) / 2
    for (String bad : new String[] {"text:", "text:" + f + ",steps=0", "text:" + f + ",test=1", "text:" + f + ",test=x",
        "text:" + f + ",chars=-1", "text:" + f + ",bogus=1", "text:" + f + ",steps=x"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetSpec.read(bad), bad);
      assertTrue(e.getMessage().startsWith("--data '" + bad + "'"), e.getMessage());
    }
    DataFormatException tooShort = assertThrows(DataFormatException.class, () -> DatasetSpec.read("text:" + f + ",steps=40"));
    assertTrue(tooShort.getMessage().startsWith(f.toString()) && tooShort.getMessage().contains("training part"), tooShort.getMessage());
    DataFormatException missing = assertThrows(DataFormatException.class, () -> DatasetSpec.read("text:" + dir.resolve("none.txt")));
    assertTrue(missing.getMessage().contains("file not found"), missing.getMessage());
  }

  @Test
  void bitsPerCharacterIsNatsOverLnTwo() {
    assertEquals(1.0, CharText.bitsPerCharacter(Math.log(2)), 1e-15);
    assertEquals(Math.log(95) / Math.log(2), CharText.bitsPerCharacter(Math.log(95)), 1e-12);
  }

  @Test
  void datasetsWithSeveralLabelsPerSampleSliceSelectAndShuffleWholeSamples() {
    float[] x = {0, 1, 2, 3, 4, 5};            // 3 samples of dimension 2
    int[] y = {0, 1, 1, 2, 2, 0};              // 2 labels each
    Dataset d = new Dataset("d", x, y, 2, 3, null, 2);
    assertEquals(3, d.size());
    assertArrayEquals(new int[] {1, 2, 2, 0}, d.slice("s", 1, 3).labels());
    Dataset sel = d.select("s", new int[] {2, 0});
    assertArrayEquals(new int[] {2, 0, 0, 1}, sel.labels());
    assertArrayEquals(new float[] {4, 5, 0, 1}, sel.features());
    Dataset sh = d.shuffled(3);
    for (int i = 0; i < 3; i++) {
      int orig = (int) sh.features()[2 * i] / 2;
      assertEquals(y[2 * orig], sh.labels()[2 * i]);
      assertEquals(y[2 * orig + 1], sh.labels()[2 * i + 1]);
    }
    assertEquals(2, d.withLabels("w", y.clone()).labelsPerSample());
    assertThrows(IllegalArgumentException.class, () -> new Dataset("d", x, new int[] {0, 1, 2}, 2, 3, null, 2));
    assertThrows(IllegalArgumentException.class, () -> new Dataset("d", x, new int[] {0, 1}, 2, 3, null, 2));
    assertThrows(IllegalArgumentException.class, () -> new Dataset("d", x, y, 2, 3, null, 0));
  }

  @Test
  void labelTransformsRefuseSequencesLabelledAtEveryStep() throws IOException {
    Path f = dir.resolve("t.txt");
    Files.writeString(f, "abcdefghij".repeat(20));
    DataTransforms subset = DataTransforms.builder().validation(0).subset(5, false).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DataPipeline.prepare("text:" + f + ",steps=4", subset, null));
    assertTrue(e.getMessage().contains("a label at every step"), e.getMessage());
    assertEquals(2, DataPipeline.prepare("text:" + f + ",steps=4", DataTransforms.none(2), null).splits().validation().size());
  }

  private static void assertOneHot(float[] x, int off, int[] symbols, int v) {
    for (int t = 0; t < symbols.length; t++) {
      for (int j = 0; j < v; j++) assertEquals(j == symbols[t] ? 1f : 0f, x[off + t * v + j], "step " + t + " symbol " + j);
    }
  }
}
