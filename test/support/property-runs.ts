/**
 * How many cases a property test tries.
 *
 * Each property states its full count. `npm test` runs after every change, so there a property tries a
 * third of it, but never fewer than fast-check's default of 100 (or the full count, when that is lower).
 * The seed is random on every run, so successive runs try different cases. With `PROPERTY_RUNS=full`,
 * every property tries its full count: CI runs `PROPERTY_RUNS=full npm test`, and `npm run test:properties`
 * runs only the property tests so.
 */
const FULL = process.env.PROPERTY_RUNS === 'full';

export function runs(full: number): number {
  if (FULL || full <= 100) return full;
  return Math.max(100, Math.round(full / 3));
}
