public class G12 {
  public static void main(String[] a) throws Exception {
    for (String s : a) {
      var f1 = new ABGemm(s + "/1"); var f2 = new ABGemm(s + "/2");
      for (int w = 0; w < 10; w++) { f1.applyAsDouble(2000); f2.applyAsDouble(2000); }
      double[] x1 = new double[7], x2 = new double[7];
      for (int w = 0; w < 7; w++) { x1[w] = f1.applyAsDouble(2000); x2[w] = f2.applyAsDouble(2000); }
      java.util.Arrays.sort(x1); java.util.Arrays.sort(x2);
      System.out.printf("%-22s 1t %.2f us  2t %.2f us  speedup %.2f%n", s, x1[3] * 1000, x2[3] * 1000, x1[3] / x2[3]);
    }
  }
}
