//===- LinalgTest.cpp - Solves and the tridiagonal eigenproblem -----------===//
//
// nrt_linalg_solve against a hand-solved system and a singular matrix;
// nrt_linalg_eigh_tridiagonal against closed-form spectra, with weights
// that are squared first components of orthonormal eigenvectors (they sum
// to 1).
//
//===----------------------------------------------------------------------===//

#include "nrt/nrt.h"

#include "gtest/gtest.h"

#include <cmath>
#include <vector>

TEST(Linalg, Solve) {
  // [[2, 1], [1, 3]] x = [3, 5] -> x = (0.8, 1.4).
  const double a[] = {2, 1, 1, 3}, b[] = {3, 5};
  double x[2];
  nrt_linalg_solve(a, b, x, 2, "test");
  EXPECT_NEAR(x[0], 0.8, 1e-15);
  EXPECT_NEAR(x[1], 1.4, 1e-15);
  // Row-major input: a non-symmetric matrix checks the orientation.
  const double c[] = {1, 2, 0, 1}, d[] = {5, 2};
  nrt_linalg_solve(c, d, x, 2, "test");
  EXPECT_NEAR(x[0], 1.0, 1e-15);
  EXPECT_NEAR(x[1], 2.0, 1e-15);
}

TEST(Linalg, SolveSingular) {
  const double a[] = {1, 2, 2, 4}, b[] = {1, 1};
  double x[2];
  EXPECT_EXIT(nrt_linalg_solve(a, b, x, 2, "optim.equal_projection"),
              testing::ExitedWithCode(1),
              "error: optim.equal_projection: the 2x2 matrix of the linear "
              "system is singular");
}

TEST(Linalg, EighTridiagonal) {
  // tridiag(-1, 2, -1) of order 4: eigenvalues 2 - 2 cos(k pi / 5).
  const double pi = std::acos(-1.0);
  const double diag[] = {2, 2, 2, 2}, off[] = {-1, -1, -1, 0};
  double values[4], weights[4];
  nrt_linalg_eigh_tridiagonal(diag, off, values, weights, 4);
  double total = 0;
  for (int k = 0; k < 4; ++k) {
    EXPECT_NEAR(values[k], 2 - 2 * std::cos((k + 1) * pi / 5), 1e-14);
    // Eigenvector k: sin(j (k + 1) pi / 5) normalised; its first component
    // squared is sin^2((k + 1) pi / 5) / (5 / 2).
    double s = std::sin((k + 1) * pi / 5);
    EXPECT_NEAR(weights[k], s * s / 2.5, 1e-14);
    total += weights[k];
  }
  EXPECT_NEAR(total, 1.0, 1e-14);
  // Order 1: the value itself with weight 1.
  const double one[] = {3.5}, none[] = {0};
  nrt_linalg_eigh_tridiagonal(one, none, values, weights, 1);
  EXPECT_EQ(values[0], 3.5);
  EXPECT_EQ(weights[0], 1.0);
}
