package org.pathnorm.simd;

/**
 * e^x in double for x ≤ 0, the exponentials of a softmax whose row maximum has been subtracted
 * (docs/algorithms.md §1.3, "The softmax's exponentials"). One lane of {@code PanamaKernels.expNonPositive}
 * computes exactly these operations, so the scalar and the vector kernels give the same bits.
 *
 * <p>Range reduction x = n·ln 2 + r with n = round(x·log₂e) (by adding and subtracting 1.5·2⁵², which rounds
 * to the nearest integer in double arithmetic) and r = x − n·ln 2 in two fused multiply-adds (ln 2 split in a
 * high part exact in 32 bits and a low part); then e^r by its Taylor polynomial of degree 13 in Horner form
 * (each step a fused multiply-add; on |r| ≤ ln 2 / 2 the remainder is below 4.2·10⁻¹⁸ relative, a
 * fiftieth of half an ulp), times 2ⁿ built from its bits. x &gt; 0 is taken as 0; below −708.3964 (e^x under
 * the smallest normal double) the result is 0; NaN stays NaN.
 */
final class NonPositiveExp {
  /** Below this, e^x is under 2⁻¹⁰²² and the result is 0; at it, n = −1022. */
  static final double MIN_ARG = -708.3964185322641;
  static final double LOG2E = 1.4426950408889634;
  /** 1.5·2⁵²: added to and subtracted from a double below 2⁵¹ in size, it rounds it to an integer. */
  static final double ROUND = 6755399441055744.0;
  /** ln 2 = LN2_HI + LN2_LO, LN2_HI with 32 significant bits, so that n·LN2_HI is exact for |n| ≤ 2²⁰. */
  static final double LN2_HI = 0x1.62e42fee00000p-1;
  static final double LN2_LO = 0x1.a39ef35793c76p-33;
  /** 1/k! for k = 2 … 13 (1/0! = 1/1! = 1). */
  static final double F2 = 1.0 / 2, F3 = F2 / 3, F4 = F3 / 4, F5 = F4 / 5, F6 = F5 / 6, F7 = F6 / 7, F8 = F7 / 8,
      F9 = F8 / 9, F10 = F9 / 10, F11 = F10 / 11, F12 = F11 / 12, F13 = F12 / 13;

  private NonPositiveExp() {}

  static double of(double x) {
    double c = Math.max(Math.min(x, 0.0), MIN_ARG);
    double n = c * LOG2E + ROUND - ROUND;
    double r = Math.fma(n, -LN2_HI, c);
    r = Math.fma(n, -LN2_LO, r);
    double p = Math.fma(F13, r, F12);
    p = Math.fma(p, r, F11);
    p = Math.fma(p, r, F10);
    p = Math.fma(p, r, F9);
    p = Math.fma(p, r, F8);
    p = Math.fma(p, r, F7);
    p = Math.fma(p, r, F6);
    p = Math.fma(p, r, F5);
    p = Math.fma(p, r, F4);
    p = Math.fma(p, r, F3);
    p = Math.fma(p, r, F2);
    p = Math.fma(p, r, 1.0);
    p = Math.fma(p, r, 1.0);
    double e = p * Double.longBitsToDouble(((long) n + 1023) << 52);
    return x < MIN_ARG ? 0.0 : e;
  }
}
