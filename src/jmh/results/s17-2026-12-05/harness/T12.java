public class T12 {
  public static void main(String[] a) throws Exception {
    var f1 = new ABStep(a[0]); var f2 = new ABStep(a[1]);
    for (int w = 0; w < 10; w++) { f1.applyAsDouble(300); f2.applyAsDouble(300); }
    for (int w = 0; w < 8; w++) System.out.printf("%s %.4f ms   %s %.4f ms%n", a[0], f1.applyAsDouble(500), a[1], f2.applyAsDouble(500));
  }
}
