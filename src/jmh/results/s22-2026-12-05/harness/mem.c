#include <immintrin.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
int main(int c,char**v){int secs=atoi(v[1]); long kb=atol(v[2]); long n=kb*256;
 float*buf=aligned_alloc(64,n*4); for(long i=0;i<n;i++)buf[i]=1e-6f*i;
 __m256 s0=_mm256_setzero_ps(),s1=s0,s2=s0,s3=s0;
 for(int w=0;w<secs*4;w++){double s=now();long bytes=0;
  while(now()-s<0.25){for(long i=0;i<n;i+=32){s0=_mm256_add_ps(s0,_mm256_load_ps(buf+i));s1=_mm256_add_ps(s1,_mm256_load_ps(buf+i+8));s2=_mm256_add_ps(s2,_mm256_load_ps(buf+i+16));s3=_mm256_add_ps(s3,_mm256_load_ps(buf+i+24));
   } bytes+=n*4;}
  printf("%.1f GB/s\n", bytes/(now()-s)/1e9); fflush(stdout);}
 s0=_mm256_add_ps(_mm256_add_ps(s0,s1),_mm256_add_ps(s2,s3)); return s0[0]>1e30;}
