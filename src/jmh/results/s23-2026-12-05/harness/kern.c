#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
#ifndef MR
#define MR 8
#endif
__attribute__((noinline)) void kern(int kc,const float*a,const float*b,float*c,int ldc){
  __m512 ca[MR],cb[MR];
  for(int r=0;r<MR;r++){ca[r]=_mm512_setzero_ps();cb[r]=_mm512_setzero_ps();}
  for(int k=0;k<kc;k++){__m512 b0=_mm512_loadu_ps(b+k*32),b1=_mm512_loadu_ps(b+k*32+16);
    #pragma GCC unroll 16
    for(int r=0;r<MR;r++){__m512 av=_mm512_set1_ps(a[k*MR+r]);ca[r]=_mm512_fmadd_ps(av,b0,ca[r]);cb[r]=_mm512_fmadd_ps(av,b1,cb[r]);}}
  for(int r=0;r<MR;r++){_mm512_storeu_ps(c+r*ldc,_mm512_add_ps(ca[r],_mm512_loadu_ps(c+r*ldc)));_mm512_storeu_ps(c+r*ldc+16,_mm512_add_ps(cb[r],_mm512_loadu_ps(c+r*ldc+16)));}
}
int main(int argc,char**argv){int kc=atoi(argv[1]);float*a=aligned_alloc(64,4*MR*kc),*b=aligned_alloc(64,4*32*kc),*c=aligned_alloc(64,4*MR*32);
for(int i=0;i<MR*kc;i++)a[i]=1e-3f*(i%7);for(int i=0;i<32*kc;i++)b[i]=1e-3f*(i%5);for(int i=0;i<MR*32;i++)c[i]=0;
for(int w=0;w<6;w++){long n=400000000L/(MR*32*kc);double t=now();for(long q=0;q<n;q++)kern(kc,a,b,c,32);printf("%.1f ",2.0*MR*32*kc*n/(now()-t)/1e9);}printf(" MR=%d kc=%d\n",MR,kc);return c[0]>1e30;}
