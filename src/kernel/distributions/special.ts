/**
 * Special functions (constructors and `mean` only, never per sample).
 */

/** Lanczos coefficients (g = 7, n = 9): about 15 significant digits for x > 0. */
const LANCZOS = Object.freeze([
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
] as const);

/** ln Γ(x) for x > 0. */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Coefficients of Numerical Recipes' `erfcc` Chebyshev fit, lowest power first. */
const ERFC_COEFFS = Object.freeze([
  -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223,
  0.17087277,
] as const);

/** erfc(x) with relative error below 1.2e-7 everywhere, tails included (enough for means and acceptance rates). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  let poly = 0;
  for (let i = ERFC_COEFFS.length - 1; i >= 0; i--) poly = ERFC_COEFFS[i]! + t * poly;
  const r = t * Math.exp(-z * z + poly);
  return x >= 0 ? r : 2 - r;
}

/** Upper tail of the standard normal, P(Z > z), accurate in relative terms far into either tail. */
export function normalUpper(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** Standard normal density. */
export function normalPdf(z: number): number {
  return Number.isFinite(z) ? Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) : 0;
}

/** P(a < Z < b) for a standard normal, computed from the tail that avoids cancellation. */
export function normalMass(a: number, b: number): number {
  if (a >= 0) return normalUpper(a) - normalUpper(b);
  if (b <= 0) return normalUpper(-b) - normalUpper(-a);
  return 1 - normalUpper(-a) - normalUpper(b);
}
