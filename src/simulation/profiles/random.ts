/**
 * Seeded randomness for the profile generators. Every stochastic process draws from its own
 * stream (seed mixed with a per-process salt), so adding a process to one generator never
 * shifts the numbers of another, and a shorter horizon yields a prefix of a longer one.
 */

/** splitmix32 finaliser: spreads nearby seeds (42, 43, ...) over unrelated 32-bit states. */
export function mixSeed(seed: number, salt: number): number {
  let z = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(salt >>> 0, 0x85ebca6b)) >>> 0;
  z = (z + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad) >>> 0;
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97) >>> 0;
  return (z ^ (z >>> 15)) >>> 0;
}

/** mulberry32: 32-bit state, full period 2^32, good enough statistics for synthetic weather. */
export function createUniform(seed: number, salt: number): () => number {
  let state = mixSeed(seed, salt);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    // Shift into (0, 1): never exactly 0, so log(u) in Box-Muller stays finite.
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

/** Standard normal draws (Box-Muller, both outputs used). */
export function createGaussian(seed: number, salt: number): () => number {
  const uniform = createUniform(seed, salt);
  let spare = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    const radius = Math.sqrt(-2 * Math.log(uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    hasSpare = true;
    return radius * Math.cos(angle);
  };
}

/**
 * Stationary AR(1) series with unit variance: x_k = φ·x_{k−1} + √(1−φ²)·ε_k, x_0 ~ N(0,1).
 * Starting from the stationary distribution means the first days are as variable as the rest.
 */
export function ar1Series(count: number, persistence: number, seed: number, salt: number): Float64Array {
  const gaussian = createGaussian(seed, salt);
  const innovationScale = Math.sqrt(1 - persistence * persistence);
  const series = new Float64Array(count);
  let x = gaussian();
  for (let k = 0; k < count; k++) {
    if (k > 0) x = persistence * x + innovationScale * gaussian();
    series[k] = x;
  }
  return series;
}

/**
 * Value at `hoursFromStart` of a series defined at the middle of each hour (node k at k + 0.5 h),
 * linearly interpolated. An hourly horizon reads the nodes exactly and a 15-minute horizon
 * reads between them, so both see the same weather.
 */
export function atHour(hourlyNodes: Float64Array, hoursFromStart: number): number {
  const position = hoursFromStart - 0.5;
  if (position <= 0) return hourlyNodes[0];
  const k = Math.floor(position);
  if (k >= hourlyNodes.length - 1) return hourlyNodes[hourlyNodes.length - 1];
  const fraction = position - k;
  if (fraction === 0) return hourlyNodes[k];
  return hourlyNodes[k] * (1 - fraction) + hourlyNodes[k + 1] * fraction;
}

/** Upper tail of the standard normal, Q(z) = P(Z > z) = erfc(z/√2)/2. */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** Complementary error function, Chebyshev fit (Numerical Recipes erfcc), relative error < 1.2e-7. */
export function erfc(x: number): number {
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
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
