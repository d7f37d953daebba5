package org.pathnorm.simd;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every Panama micro-kernel tile height (6, 8 rows), packed and in-place A, against a plain loop,
 * whichever one the start-up selection picked. Excluded from the scalar test run (see pom.xml),
 * where the Vector API module is not readable and these classes cannot load.
 */
class PanamaGemmTilesTest {

  @Test
  void everyTileHeightMatchesAPlainLoop() {
    assertEquals("panama", KernelSelection.kernels().name(), "this test needs the Vector API module");
    SplittableRandom r = new SplittableRandom(5);
    for (int mr : new int[] {6, 8}) {
      GemmKernel g = new PanamaGemmKernel(mr);
      int nr = g.nr();
      for (int kc : new int[] {1, 2, 17, 256}) {
        float[] ap = new float[mr * kc];
        float[] bp = new float[nr * kc + 7];
        for (int i = 0; i < ap.length; i++) ap[i] = (float) r.nextGaussian();
        for (int i = 0; i < bp.length; i++) bp[i] = (float) r.nextGaussian();
        int ldc = nr + 5;
        float[] c = new float[3 + mr * ldc];
        for (int i = 0; i < c.length; i++) c[i] = (float) r.nextGaussian();
        float[] c0 = c.clone();
        float[] bias = new float[nr + 2];
        for (int i = 0; i < bias.length; i++) bias[i] = (float) r.nextGaussian();
        g.microKernel(kc, ap, bp, 7, c, 3, ldc, true, bias, 2, true);
        // the same A stored row-major (lda = kc + 3, offset 1) read in place: bit-identical result
        int lda = kc + 3;
        float[] rowMajor = new float[1 + mr * lda];
        for (int i = 0; i < mr; i++) for (int k = 0; k < kc; k++) rowMajor[1 + i * lda + k] = ap[k * mr + i];
        float[] direct = c0.clone();
        g.microKernelDirectA(kc, rowMajor, 1, lda, bp, 7, direct, 3, ldc, true, bias, 2, true);
        org.junit.jupiter.api.Assertions.assertArrayEquals(c, direct, 0f, "direct A differs, mr=" + mr);
        // a transposed A (K × M, ldat = mr + 5, offset 2) read in place: bit-identical
        int ldat = mr + 5;
        float[] transposed = new float[2 + kc * ldat];
        for (int k = 0; k < kc; k++) System.arraycopy(ap, k * mr, transposed, 2 + k * ldat, mr);
        float[] viaTransposed = c0.clone();
        g.microKernelTransposedA(kc, transposed, 2, ldat, bp, 7, viaTransposed, 3, ldc, true, bias, 2, true);
        org.junit.jupiter.api.Assertions.assertArrayEquals(c, viaTransposed, 0f, "transposed A in place differs, mr=" + mr);
        // the narrow tile: the first narrowWidth() columns, bit for bit, all three A forms; the rest untouched
        int w = g.narrowWidth();
        float[] narrowPacked = c0.clone();
        g.microKernelNarrow(kc, ap, 0, 1, mr, bp, 7, narrowPacked, 3, ldc, true, bias, 2, true);
        float[] narrowDirect = c0.clone();
        g.microKernelNarrow(kc, rowMajor, 1, lda, 1, bp, 7, narrowDirect, 3, ldc, true, bias, 2, true);
        float[] narrowTransposed = c0.clone();
        g.microKernelNarrow(kc, transposed, 2, 1, ldat, bp, 7, narrowTransposed, 3, ldc, true, bias, 2, true);
        for (int i = 0; i < mr; i++) {
          for (int j = 0; j < nr; j++) {
            int at = 3 + i * ldc + j;
            float want = j < w ? c[at] : c0[at];
            assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(narrowPacked[at]), "narrow packed, mr=" + mr + " kc=" + kc);
            assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(narrowDirect[at]), "narrow direct, mr=" + mr + " kc=" + kc);
            assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(narrowTransposed[at]), "narrow transposed, mr=" + mr + " kc=" + kc);
          }
        }
        for (int i = 0; i < mr; i++) {
          for (int j = 0; j < nr; j++) {
            double s = c0[3 + i * ldc + j] + bias[2 + j];
            double scale = Math.abs(s);
            for (int k = 0; k < kc; k++) {
              s += (double) ap[k * mr + i] * bp[7 + k * nr + j];
              scale += Math.abs((double) ap[k * mr + i] * bp[7 + k * nr + j]);
            }
            double want = Math.max(s, 0);
            float got = c[3 + i * ldc + j];
            assertTrue(Math.abs(got - want) <= (kc + 3) * 0x1p-23 * scale,
                "mr=" + mr + " kc=" + kc + " C[" + i + "," + j + "] = " + got + " want " + want);
          }
        }
      }
    }
  }

  /**
   * packARows lays a panel out row-major (zero rows past a partial panel) from either form of A, and the
   * direct tile on it gives the bits of the k-major packed tile: the path a GEMM takes with a kernel that
   * asks for {@linkplain APanels#ROWS panels in rows}.
   */
  /**
   * The 8-row tile has its own loop for a packed panel (lda = 8, the stride a constant): it must give the bits of the
   * general k-major loop (the same panel inside a wider transposed A) at any offset, depth and accumulate flag.
   */
  @Test
  void aPackedPanelGivesTheBitsOfTheGeneralStride() {
    SplittableRandom r = new SplittableRandom(11);
    GemmKernel g = new PanamaGemmKernel(8);
    int nr = g.nr();
    for (int kc : new int[] {1, 7, 15, 16, 17, 31, 33, 1000}) {
      for (boolean accumulate : new boolean[] {false, true}) {
        int aOff = 5;
        float[] panel = new float[aOff + 8 * kc + 3];
        for (int i = 0; i < panel.length; i++) panel[i] = (float) r.nextGaussian();
        int lda = 13;
        float[] wide = new float[2 + kc * lda];
        for (int k = 0; k < kc; k++) System.arraycopy(panel, aOff + 8 * k, wide, 2 + k * lda, 8);
        float[] bp = new float[nr * kc + 9];
        for (int i = 0; i < bp.length; i++) bp[i] = (float) r.nextGaussian();
        int ldc = nr + 3;
        float[] c = new float[4 + 8 * ldc];
        for (int i = 0; i < c.length; i++) c[i] = (float) r.nextGaussian();
        float[] viaPanel = c.clone();
        float[] viaStride = c.clone();
        g.microKernelTransposedA(kc, panel, aOff, 8, bp, 9, viaPanel, 4, ldc, accumulate, null, 0, false);
        g.microKernelTransposedA(kc, wide, 2, lda, bp, 9, viaStride, 4, ldc, accumulate, null, 0, false);
        for (int i = 0; i < c.length; i++) {
          assertEquals(Float.floatToRawIntBits(viaStride[i]), Float.floatToRawIntBits(viaPanel[i]),
              "kc=" + kc + " accumulate=" + accumulate + " at " + i);
        }
        if (!accumulate) assertTrue(viaPanel[4] != c[4], "the tile wrote nothing, kc=" + kc);
      }
    }
  }

  /** A K block computed into a tile and added apart ({@link GemmKernel#addTile}) has the bits of the block accumulated. */
  @Test
  void aTileAddedApartGivesTheBitsOfAccumulating() {
    SplittableRandom r = new SplittableRandom(13);
    for (GemmKernel g : new GemmKernel[] {new PanamaGemmKernel(6), new PanamaGemmKernel(8), new ScalarGemmKernel()}) {
      int mr = g.mr();
      int nr = g.nr();
      for (int kc : new int[] {1, 7, 17, 256}) {
        for (int epilogue = 0; epilogue < 3; epilogue++) {
          float[] ap = new float[mr * kc];
          float[] bp = new float[nr * kc];
          for (int i = 0; i < ap.length; i++) ap[i] = (float) r.nextGaussian();
          for (int i = 0; i < bp.length; i++) bp[i] = (float) r.nextGaussian();
          int ldc = nr + 3;
          float[] c = new float[2 + mr * ldc];
          for (int i = 0; i < c.length; i++) c[i] = (float) r.nextGaussian();
          float[] bias = new float[nr + 1];
          for (int i = 0; i < bias.length; i++) bias[i] = (float) r.nextGaussian();
          float[] b = epilogue == 0 ? null : bias;
          boolean relu = epilogue == 2;
          float[] accumulated = c.clone();
          g.microKernel(kc, ap, bp, 0, accumulated, 2, ldc, true, b, 1, relu);
          float[] tile = new float[1 + mr * nr];
          float[] apart = c.clone();
          g.microKernel(kc, ap, bp, 0, tile, 1, nr, false, null, 0, false);
          g.addTile(tile, 1, apart, 2, ldc, b, 1, relu);
          for (int i = 0; i < c.length; i++) {
            assertEquals(Float.floatToRawIntBits(accumulated[i]), Float.floatToRawIntBits(apart[i]),
                g.getClass().getSimpleName() + " mr=" + mr + " kc=" + kc + " epilogue=" + epilogue + " at " + i);
          }
        }
      }
    }
  }

  @Test
  void panelsPackedInRowsGiveTheBitsOfTheKMajorTile() {
    SplittableRandom r = new SplittableRandom(6);
    for (int mr : new int[] {6, 8}) {
      GemmKernel g = new PanamaGemmKernel(mr);
      int nr = g.nr();
      for (int kc : new int[] {1, 7, 17, 256}) {
        for (int rows : new int[] {mr, mr - 1, 1}) {
          for (boolean transA : new boolean[] {false, true}) {
            int m = rows + 3, k = kc + 2, i0 = 2, k0 = 1;
            int lda = (transA ? m : k) + 5;
            float[] a = new float[4 + (transA ? k : m) * lda];
            for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
            float[] kMajor = new float[g.aPackLength(kc)];
            g.packA(a, 4, lda, transA, i0, rows, k0, kc, kMajor);
            float[] inRows = new float[g.aPackLength(kc)];
            java.util.Arrays.fill(inRows, Float.NaN);
            g.packARows(a, 4, lda, transA, i0, rows, k0, kc, inRows);
            for (int i = 0; i < mr; i++) {
              for (int kk = 0; kk < kc; kk++) {
                float want = i >= rows ? 0f : transA ? a[4 + (k0 + kk) * lda + i0 + i] : a[4 + (i0 + i) * lda + k0 + kk];
                assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(inRows[i * kc + kk]),
                    "packARows mr=" + mr + " kc=" + kc + " rows=" + rows + " transA=" + transA + " at " + i + "," + kk);
              }
            }
            float[] bp = new float[nr * kc];
            for (int i = 0; i < bp.length; i++) bp[i] = (float) r.nextGaussian();
            float[] bias = new float[nr];
            for (int i = 0; i < bias.length; i++) bias[i] = (float) r.nextGaussian();
            float[] c = new float[mr * nr];
            for (int i = 0; i < c.length; i++) c[i] = (float) r.nextGaussian();
            float[] viaKMajor = c.clone();
            g.microKernel(kc, kMajor, bp, 0, viaKMajor, 0, nr, true, bias, 0, true);
            float[] viaRows = c.clone();
            g.microKernelDirectA(kc, inRows, 0, kc, bp, 0, viaRows, 0, nr, true, bias, 0, true);
            for (int i = 0; i < c.length; i++) {
              assertEquals(Float.floatToRawIntBits(viaKMajor[i]), Float.floatToRawIntBits(viaRows[i]),
                  "mr=" + mr + " kc=" + kc + " rows=" + rows + " transA=" + transA + " at " + i);
            }
          }
        }
      }
    }
  }

  /** {@code --version} says how the GEMM packs A panels, and B blocks from beyond L2, on this machine. */
  @Test
  void choicesSayHowAPanelsArePacked() {
    Kernels k = KernelSelection.kernels();
    String expected = switch (k.gemmKernel().aPanels()) {
      case AS_STORED -> "A panels read as stored";
      case ROWS -> "A panels packed in rows";
      case K_MAJOR -> "A panels packed k-major unless";
      case K_MAJOR_WIDE -> "A panels packed k-major (" + (PanamaKernels.SPECIES.length() == 16
          ? "8 x 16 blocks transposed in 512-bit registers" : "8 x 8 blocks transposed in registers")
          + ") where a row-major panel meets >= 256 columns in a product of >= 512 rows";
    };
    assertTrue(k.choices().contains(expected), k.choices());
    boolean sixRowsOnEightLanes = k.gemmKernel().mr() == 6 && PanamaKernels.SPECIES.length() == 8;
    assertEquals(sixRowsOnEightLanes, k.choices().contains("whole 6-row A panels packed as 8x8 blocks"), k.choices());
    GemmKernel g = k.gemmKernel();
    boolean chunks = g.aPanels() == APanels.ROWS && g.transposedRowsChunk() > g.mr();
    assertEquals(chunks, k.choices().contains("a transposed A packed in rows " + g.transposedRowsChunk() + " at a time"), k.choices());
    assertEquals(g.edgeColumnsWidth() > 0, k.choices().contains("last partial panel of columns computed for all rows at once"), k.choices());
    assertTrue(k.choices().contains("row-major B blocks spanning >= 512 KiB (read from L3 or memory) packed 8 k-rows at a time"), k.choices());
  }

  /** The 6-row tile's form of A follows the JDK (or the property); the 8-row tile packs wide panels on Intel only. */
  @Test
  void theFormOfAFollowsTheTileAndTheJdk() {
    String forced = System.getProperty("pathnorm.gemm.aPanels");
    if (forced == null) {
      assertEquals(CpuVendor.intel() ? APanels.K_MAJOR_WIDE : APanels.AS_STORED, PanamaGemmKernel.defaultAPanels(8));
      assertEquals(Runtime.version().feature() >= 25 ? APanels.ROWS : APanels.K_MAJOR, PanamaGemmKernel.defaultAPanels(6));
    } else {
      APanels want = APanels.valueOf(forced.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
      assertEquals(want, PanamaGemmKernel.defaultAPanels(6));
      assertEquals(want, PanamaGemmKernel.defaultAPanels(8));
    }
  }
  /**
   * Packing A panels, k-major ({@link GemmKernel#packA}) and in rows ({@link GemmKernel#packARows}), from a
   * row-major and a transposed A, bit for bit as the scalar loops of {@link Packing} and never past the
   * panel: every tile height (with 8-lane vectors the 6-row tile transposes 8 × 8 blocks in registers; with
   * 16 lanes the 8-row panel of a transposed A moves with 16-lane loads and stores that overlap the next k),
   * depths around the 8-step blocks, partial panels, a panel whose 8-row read would run past the array
   * (its last rows), offsets, and signed zeros and NaNs, which a move keeps; nothing written past
   * {@link GemmKernel#aPackLength}.
   */
  @Test
  void everyTileHeightPacksAPanelsAsTheScalarLoops() {
    SplittableRandom r = new SplittableRandom(11);
    int[] depths = {1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 196, 257};
    for (int mr : new int[] {6, 8}) {
      GemmKernel g = new PanamaGemmKernel(mr);
      for (boolean transA : new boolean[] {false, true}) {
        for (int kc : depths) {
          int m = 3 * mr + 4;
          int k0 = 2;
          int kAll = k0 + kc;
          int aOff = 3;
          int lda = (transA ? m : kAll) + (kc % 2);
          float[] a = new float[aOff + (transA ? (kAll - 1) * lda + m : (m - 1) * lda + kAll)];
          for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
          a[aOff + (transA ? k0 * lda + mr : mr * lda + k0)] = -0f;
          a[a.length - 1] = Float.NaN;
          for (int i0 = 0; i0 < m; i0 += mr) {
            int rows = Math.min(mr, m - i0);
            for (boolean inRows : new boolean[] {false, true}) {
              int length = g.aPackLength(kc);
              assertTrue(length >= mr * kc, "aPackLength " + length);
              float[] want = new float[mr * kc];
              float[] got = new float[length + 9];
              java.util.Arrays.fill(got, 42f);
              if (inRows) {
                Packing.packARows(a, aOff, lda, transA, i0, rows, k0, kc, want, mr);
                g.packARows(a, aOff, lda, transA, i0, rows, k0, kc, got);
              } else {
                Packing.packA(a, aOff, lda, transA, i0, rows, k0, kc, want, mr);
                g.packA(a, aOff, lda, transA, i0, rows, k0, kc, got);
              }
              for (int i = 0; i < got.length; i++) {
                if (i >= want.length && i < length) continue;  // unspecified: whole vectors may be stored past the panel
                int at = i, panel = i0;
                assertEquals(Float.floatToRawIntBits(i < want.length ? want[i] : 42f), Float.floatToRawIntBits(got[i]),
                    () -> "mr=" + mr + (transA ? " transposed" : " row-major") + (inRows ? " in rows" : " k-major")
                        + " kc=" + kc + " panel at " + panel + " (" + rows + " rows): value " + at);
              }
            }
          }
        }
      }
    }
  }

  @Test
  void aPanelCopiedKMajorHoldsEachValueAndWritesNothingElse() {
    assertEquals("panama", KernelSelection.kernels().name(), "this test needs the Vector API module");
    for (int mr : new int[] {6, 8}) {
      GemmKernel g = new PanamaGemmKernel(mr);
      for (int kc : new int[] {1, 7, 15, 16, 17, 31, 33, 784}) {
        int lda = kc + 5;
        // the panel's rows end at the array's end (no vector may read past it) or have rows after them
        for (int extraRows : new int[] {0, 3}) {
          float[] a = new float[2 + (mr + extraRows) * lda];
          for (int i = 0; i < a.length; i++) a[i] = i + 1;
          float[] dst = new float[3 + mr * kc + 4];
          java.util.Arrays.fill(dst, -1f);
          g.packPanelAt(a, 2, lda, 0, 1, kc - 1, dst, 3);
          for (int i = 0; i < dst.length; i++) {
            int at = i - 3;
            float want = at >= 0 && at < mr * (kc - 1) ? a[2 + (at % mr) * lda + 1 + at / mr] : -1f;
            assertEquals(want, dst[i], "mr=" + mr + " kc=" + kc + " extra rows=" + extraRows + " dst[" + i + "]");
          }
        }
      }
    }
  }
}
