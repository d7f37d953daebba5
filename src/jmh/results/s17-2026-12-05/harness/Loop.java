public class Loop { public static void main(String[] a) { var f = new ABStep(a[0]); for (int i = 0; i < Integer.parseInt(a[1]); i++) System.out.printf("%.4f%n", f.applyAsDouble(1000)); } }
