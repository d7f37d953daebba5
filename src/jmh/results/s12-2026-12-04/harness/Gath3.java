public class Gath3 { static float sinkF;
  public static void main(String[] a) {
  int n=60000,d=784; float[] x=new float[n*d];
  java.util.SplittableRandom r=new java.util.SplittableRandom(1);
  for(int i=0;i<x.length;i++){ x[i]=r.nextInt(256)/255f; }
  float[] dst=new float[64*d]; int[] idx=new int[64];
  int[] strides={0, 784, 256, 128, 64, 32, 16};
  for (int rep=0;rep<6;rep++){
    StringBuilder sb=new StringBuilder();
    for (int st : strides) {
      long t=0;
      for(int s=0;s<3000;s++){
        for(int i=0;i<64;i++) idx[i]=r.nextInt(n);
        long t0=System.nanoTime();
        if (st > 0) { float z=0; for(int i=0;i<64;i++){ int o=idx[i]*d; for (int j=0;j<d;j+=st) z+=x[o+j]; } sinkF+=z; }
        for(int i=0;i<64;i++) System.arraycopy(x, idx[i]*d, dst, i*d, d);
        t+=System.nanoTime()-t0;
        sinkF+=dst[s%dst.length];
      }
      sb.append(String.format("touch/%d: %.1f  ", st, t/3000/1e3));
    }
    System.out.println(sb);
  }
}}
