//===- Linalg.cpp - Small dense linear algebra on LAPACK ------------------===//
//
// The few factorizations the standard library needs (a linear solve for
// optim.equal_projection, the tridiagonal eigenproblem of Lanczos), through
// the LAPACK routines that OpenBLAS ships.
//
//===----------------------------------------------------------------------===//

#include "nrt/nrt.h"

#include <cmath>
#include <vector>

extern "C" {
void dgesv_(const int *n, const int *nrhs, double *a, const int *lda, int *ipiv,
            double *b, const int *ldb, int *info);
void dstev_(const char *jobz, const int *n, double *d, double *e, double *z,
            const int *ldz, double *work, int *info);
}

extern "C" void nrt_linalg_solve(const double *a, const double *b, double *x,
                                 int64_t n64, const char *what) {
  int n = static_cast<int>(n64);
  if (n == 0)
    return;
  // LAPACK is column-major: solve with the transpose's transpose.
  std::vector<double> lu(static_cast<size_t>(n) * n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      lu[static_cast<size_t>(j) * n + i] = a[static_cast<size_t>(i) * n + j];
  std::vector<int> pivots(n);
  for (int i = 0; i < n; ++i)
    x[i] = b[i];
  int one = 1, info = 0;
  dgesv_(&n, &one, lu.data(), &n, pivots.data(), x, &n, &info);
  if (info > 0)
    nrt_fatal("%s: the %dx%d matrix of the linear system is singular", what, n,
              n);
  if (info < 0)
    nrt_fatal("%s: LAPACK dgesv rejected argument %d", what, -info);
}

extern "C" void nrt_linalg_eigh_tridiagonal(const double *diag,
                                            const double *off, double *values,
                                            double *weights, int64_t n64) {
  int n = static_cast<int>(n64);
  if (n == 0)
    return;
  std::vector<double> d(diag, diag + n), e(std::max(n - 1, 1), 0.0);
  for (int i = 0; i + 1 < n; ++i)
    e[i] = off[i];
  std::vector<double> z(static_cast<size_t>(n) * n);
  std::vector<double> work(std::max(1, 2 * n - 2));
  int info = 0;
  dstev_("V", &n, d.data(), e.data(), z.data(), &n, work.data(), &info);
  if (info != 0)
    nrt_fatal("linalg.eigh_tridiagonal: LAPACK dstev failed to converge "
              "(info %d) on a %dx%d matrix",
              info, n, n);
  for (int j = 0; j < n; ++j) {
    values[j] = d[j];
    double first = z[static_cast<size_t>(j) * n]; // column j, row 0
    weights[j] = first * first;
  }
}
