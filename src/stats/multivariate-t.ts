/**
 * The one-sided equicoordinate critical point of a multivariate t distribution with common correlation ρ:
 * the g with P(T_1 ≤ g, ..., T_p ≤ g) = 1 − α, where T_i = Z_i / S, Z equicorrelated standard normals and
 * S² = χ²_ν / ν. With ρ = 1/2 this is Dunnett's one-sided constant and the constant of Nelson & Matejcik's
 * two-stage selection procedure with common random numbers (`T^(α)_{k−1,(k−1)(n0−1),1/2}`).
 *
 * Computed by numerical integration (conditioning on the common factor and on S) and bisection; checked
 * against Dunnett's published tables in tests/stats/selection.test.ts.
 */
import { logGamma } from "./student-t.js";

/** erfc(x), relative error below 1.2e-7 (Numerical Recipes' Chebyshev fit). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** The standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Simpson nodes and weights on [a, b] with n (even) intervals. */
function simpson(a: number, b: number, n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n + 1);
  const w = new Float64Array(n + 1);
  const h = (b - a) / n;
  for (let i = 0; i <= n; i++) {
    x[i] = a + i * h;
    w[i] = ((i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2) * h) / 3;
  }
  return { x, w };
}

/** P(max Z_i ≤ c) for p equicorrelated standard normals with correlation ρ (Gauss: conditioning on the common factor). */
function normalOrthant(c: number, p: number, rho: number, y: { x: Float64Array; w: Float64Array }): number {
  const a = Math.sqrt(rho);
  const b = Math.sqrt(1 - rho);
  let sum = 0;
  for (let i = 0; i < y.x.length; i++) {
    const v = y.x[i] as number;
    sum += (y.w[i] as number) * Math.exp(-0.5 * v * v) * normalCdf((c - a * v) / b) ** p;
  }
  return sum / Math.sqrt(2 * Math.PI);
}

/** P(max T_i ≤ g) for the equicorrelated multivariate t with ν degrees of freedom (ν = Infinity: normal). */
export function multivariateTCdf(g: number, p: number, nu: number, rho = 0.5): number {
  const y = simpson(-8.5, 8.5, 240);
  if (!Number.isFinite(nu)) return normalOrthant(g, p, rho, y);
  // Density of S = sqrt(χ²_ν / ν): 2 (ν/2)^{ν/2} / Γ(ν/2) s^{ν−1} exp(−ν s² / 2), concentrated near 1.
  const sMax = 1 + 12 / Math.sqrt(nu) + 4;
  const s = simpson(1e-9, sMax, 600);
  const logC = Math.log(2) + (nu / 2) * Math.log(nu / 2) - logGamma(nu / 2);
  let sum = 0;
  for (let i = 0; i < s.x.length; i++) {
    const v = s.x[i] as number;
    const logDensity = logC + (nu - 1) * Math.log(v) - (nu * v * v) / 2;
    const d = Math.exp(logDensity);
    if (d < 1e-14) continue;
    sum += (s.w[i] as number) * d * normalOrthant(g * v, p, rho, y);
  }
  return sum;
}

/**
 * The one-sided equicoordinate (1 − α) point g of the p-variate t with ν degrees of freedom and common
 * correlation ρ (default 1/2: Dunnett's constant, and Nelson & Matejcik's `T^(α)_{p,ν,1/2}`).
 */
export function multivariateTQuantile(alpha: number, p: number, nu: number, rho = 0.5): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  if (!(Number.isInteger(p) && p >= 1)) throw new RangeError(`dimension must be a positive integer, got ${p}`);
  if (!(nu >= 1)) throw new RangeError(`degrees of freedom must be >= 1, got ${nu}`);
  const key = `${alpha}:${p}:${nu}:${rho}`;
  const known = quantiles.get(key);
  if (known !== undefined) return known;
  const g = solveQuantile(alpha, p, nu, rho);
  // A handful of (α, k, n0) combinations are used in a session; the cache stays small.
  if (quantiles.size < 1024) quantiles.set(key, g);
  return g;
}

/** Computed quantiles (each costs a few hundred thousand CDF evaluations). */
const quantiles = new Map<string, number>();

/** Bisection on the CDF. */
function solveQuantile(alpha: number, p: number, nu: number, rho: number): number {
  let lo = 0;
  let hi = 2;
  while (multivariateTCdf(hi, p, nu, rho) < 1 - alpha) {
    hi *= 2;
    if (hi > 1e4) throw new RangeError("multivariate t quantile out of range");
  }
  for (let i = 0; i < 60 && hi - lo > 1e-7; i++) {
    const mid = (lo + hi) / 2;
    if (multivariateTCdf(mid, p, nu, rho) < 1 - alpha) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
