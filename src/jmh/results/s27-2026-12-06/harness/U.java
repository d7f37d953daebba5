public class U { public static void main(String[] a){ float r=1f/255f; int bad=0, bad2=0;
 for(int v=0;v<256;v++){ float e=v/255f; float q=v*r; if(q!=e) bad++; float res=Math.fma(-q,255f,(float)v); float q2=Math.fma(res,r,q); if(q2!=e) bad2++; }
 System.out.println("mul mismatches "+bad+" fma-corrected mismatches "+bad2);}}
