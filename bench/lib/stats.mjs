// Percentiles and number formatting shared by the load generator and the runner.

/** Nearest-rank percentiles of `values` (any array-like of numbers); null when empty. */
export function percentiles(values, ps) {
  const sorted = Float64Array.from(values).sort();
  const out = {};
  for (const [name, p] of Object.entries(ps)) {
    if (sorted.length === 0) out[name] = null;
    else {
      const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
      out[name] = sorted[rank];
    }
  }
  return out;
}

export const round = (x, digits = 2) =>
  x === null || x === undefined || Number.isNaN(x) ? null : Number(x.toFixed(digits));

/** Parley's value over the relay's, rounded; null when either side is missing or zero. */
export function ratio(parley, relay, digits = 2) {
  if (parley === null || relay === null || parley === undefined || relay === undefined) return null;
  if (relay === 0) return null;
  return round(parley / relay, digits);
}

export function median(xs) {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
