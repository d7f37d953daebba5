#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdatomic.h>
#include <time.h>
#include <stdlib.h>
static _Atomic long flag __attribute__((aligned(64)));
static void pin(int c){cpu_set_t s;CPU_ZERO(&s);CPU_SET(c,&s);pthread_setaffinity_np(pthread_self(),sizeof s,&s);}
static void* other(void*a){pin(1);for(long i=1;;i+=2){while(atomic_load_explicit(&flag,memory_order_acquire)!=i);atomic_store_explicit(&flag,i+1,memory_order_release);}return 0;}
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
int main(int c,char**v){pthread_t t;pin(0);pthread_create(&t,0,other,0);long i=0;double t0=now();
 int R=c>1?atoi(v[1]):60; for(int r=0;r<R;r++){double s=now();long n=0;while(now()-s<0.5){for(int k=0;k<1000;k++){atomic_store_explicit(&flag,i+1,memory_order_release);while(atomic_load_explicit(&flag,memory_order_acquire)!=i+2);i+=2;}n+=1000;}
 printf("%.1fs rtt %.0f ns\n",now()-t0,(now()-s)/n*1e9);fflush(stdout);}return 0;}
