#include <immintrin.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
int main(int c,char**v){int secs=atoi(v[1]);
 __m256 a[12];for(int i=0;i<12;i++)a[i]=_mm256_set1_ps(i*1e-3f);
 __m256 b=_mm256_set1_ps(0.9999f),cc=_mm256_set1_ps(1e-4f);
 double t0=now();
 for(int w=0;w<secs*4;w++){double s=now();long n=0;
  while(now()-s<0.25){for(int r=0;r<100000;r++){
   #pragma GCC unroll 12
   for(int i=0;i<12;i++)a[i]=_mm256_fmadd_ps(a[i],b,cc);} n+=100000;}
  printf("%.2f GFLOP/s\n", n*12*16/(now()-s)/1e9); fflush(stdout);}
 float f=0;for(int i=0;i<12;i++)f+=a[i][0];return f>1e30;}
