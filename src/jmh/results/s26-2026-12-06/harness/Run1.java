public class Run1 { public static void main(String[] a) throws Exception {
  var f = (java.util.function.IntToDoubleFunction) Class.forName(a[0]).getConstructor(String.class).newInstance(a[1]);
  int reps = Integer.parseInt(a[2]); double flop = Double.parseDouble(a[3]);
  for (int w = 0; w < 12; w++) { double ms = f.applyAsDouble(reps); if (w >= 4) System.out.printf("%.3f ms  %.1f GF/s%n", ms, flop / ms / 1e6); }
}}
