// OpenBLAS sgemm GFLOP/s at the shapes of bench/gemm.nabla, for comparison.
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static void rate(int m, int k, int n, int reps) {
  float *a = malloc(sizeof(float) * m * k), *b = malloc(sizeof(float) * k * n),
        *c = malloc(sizeof(float) * m * n);
  for (int i = 0; i < m * k; ++i) a[i] = (float)rand() / RAND_MAX;
  for (int i = 0; i < k * n; ++i) b[i] = (float)rand() / RAND_MAX;
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1, a, k, b, n, 0, c, n);
  double start = now();
  for (int r = 0; r < reps; ++r)
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1, a, k, b, n, 0, c, n);
  double s = now() - start;
  printf("gemm %dx%dx%d GFLOP/s %g\n", m, k, n, 2.0 * m * k * n * reps / s / 1e9);
  free(a); free(b); free(c);
}

int main(int argc, char **argv) {
  int reps = argc > 1 ? atoi(argv[1]) : 20;
  rate(1024, 1024, 1024, reps);
  rate(128, 784, 256, reps * 40);
  rate(128, 256, 256, reps * 100);
  rate(128, 256, 10, reps * 1000);
  return 0;
}
