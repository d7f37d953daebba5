package org.pathnorm.simd;

/**
 * e^x in float for x ≤ 0, the exponentials of a softmax whose row maximum has been subtracted
 * (docs/algorithms.md §1.3, "The softmax's exponentials"). One lane of {@code PanamaKernels.expNonPositive}
 * computes exactly these operations, so the scalar and the vector kernels give the same bits.
 *
 * <p>Range reduction x = n·ln 2 + r with n = round(x·log₂e) (by adding and subtracting 1.5·2²³, which rounds
 * to the nearest integer in float arithmetic) and r = x − n·ln 2 in two fused multiply-adds (ln 2 split in a
 * high part exact in 16 bits and a low part); then e^r by its Taylor polynomial of degree 7 in Horner form
 * (each step a fused multiply-add; on |r| ≤ ln 2 / 2 the remainder is below 5.2·10⁻⁹ relative, a tenth of
 * half an ulp), times 2ⁿ built from its bits. x &gt; 0 is taken as 0; below −87.336 (e^x under the
 * smallest normal float) the result is 0; NaN stays NaN.
 */
final class NonPositiveExp {
  /** Below this, e^x is under 2⁻¹²⁶ and the result is 0; at it, n = −126. */
  static final float MIN_ARG = -87.33654f;
  static final float LOG2E = 1.44269504f;
  /** 1.5·2²³: added to and subtracted from a float below 2²² in size, it rounds it to an integer. */
  static final float ROUND = 12582912f;
  static final float LN2_HI = 0.693145751953125f;
  static final float LN2_LO = 1.42860677e-6f;
  static final float C2 = 1f / 2, C3 = 1f / 6, C4 = 1f / 24, C5 = 1f / 120, C6 = 1f / 720, C7 = 1f / 5040;

  private NonPositiveExp() {}

  static float of(float x) {
    float c = Math.max(Math.min(x, 0f), MIN_ARG);
    float n = c * LOG2E + ROUND - ROUND;
    float r = Math.fma(n, -LN2_HI, c);
    r = Math.fma(n, -LN2_LO, r);
    float p = Math.fma(C7, r, C6);
    p = Math.fma(p, r, C5);
    p = Math.fma(p, r, C4);
    p = Math.fma(p, r, C3);
    p = Math.fma(p, r, C2);
    p = Math.fma(p, r, 1f);
    p = Math.fma(p, r, 1f);
    float e = p * Float.intBitsToFloat(((int) n + 127) << 23);
    return x < MIN_ARG ? 0f : e;
  }
}
