/**
 * How a token's value is renewed over time, as GitLab and the providers do it, stepped day by day: a pure
 * model used to prove the rotation design and to tell users what apply schedule it needs.
 *
 * What it models (../shared/reference/rotation.md; reference/gitlab-facts.md §8):
 * - Nothing renews without `terraform apply`. Provider rotation (`rotation_configuration`) renews a token
 *   at the first apply where `expires_at - rotate_before_days` has passed, to `now + expiration_days`; a
 *   `time_rotating` replaces a token at the first apply after its rotation instant (the provider removes an
 *   expired time_rotating from state when it refreshes, and Terraform recreates it with the current time).
 *   Either way the renewal period is lifetime - rotate-before days, plus however late the apply was.
 * - GitLab's rotate API revokes the previous value at once, and `create_before_destroy` revokes the old
 *   token in the same apply: a single-slot token leaves consumers no time at all (grace 0).
 * - Overlap keeps two slots. Slot A is renewed every period, from its own time_rotating. Slot B's
 *   time_rotating takes its base from A's: when B is (re)created it rolls over at the midpoint of A's
 *   current period, or of the next one if that midpoint has passed (see overlapBase). So B's renewals stay
 *   half a period away from A's however late applies are, from the very first apply, with no date in the
 *   code. The slot that expires later is delivered.
 *
 * Time is in days from the first apply; applies happen at whole days. A value is valid on day t when
 * t < its expiry and it has not been revoked.
 */

export interface RotationScenario {
  readonly lifetimeDays: number;
  readonly rotateBeforeDays: number;
  /**
   * False for pipeline triggers: valid until replaced. Whether a kind is rotated in place or replaced does not
   * matter here: both revoke the previous value in the apply that renews it.
   */
  readonly expires: boolean;
  /**
   * Days from a renewal falling due to the token's expiry: rotate-before days, or one less for a date expiry
   * computed from a roll-over instant (the date's midnight may fall up to a day before the instant plus
   * rotate-before). See renewalWindowDays.
   */
  readonly windowDays?: number;
  readonly overlap: boolean;
  /** Whether `terraform apply` runs on day `d` (day 0 always: the first apply creates the tokens). */
  readonly appliesOn: (day: number) => boolean;
  readonly days: number;
}

/** A change of the delivered value, and how long the value consumers held until then stayed valid. */
export interface Switch {
  readonly day: number;
  readonly from: string;
  readonly to: string;
  /** Days the previous value stayed valid after the switch (0: revoked in the same apply). */
  readonly graceDays: number;
}

export interface RotationRun {
  readonly switches: readonly Switch[];
  /** Days on which the delivered value had expired (no apply renewed it in time). */
  readonly lapsedDays: readonly number[];
  /** The smallest grace over every switch, Infinity when nothing switched. */
  readonly minGraceDays: number;
}

interface Slot {
  readonly name: string;
  generation: number;
  /** When its time_rotating rolls over (or the provider's window opens): the next renewal is due. */
  due: number;
  /** Start of the current period: the time_rotating's base. */
  base: number;
  expiry: number;
}

/** Days between renewals when applies run on time. */
export const renewalPeriodDays = (lifetimeDays: number, rotateBeforeDays: number): number => lifetimeDays - rotateBeforeDays;

/**
 * The base of slot B's time_rotating when it is created at `now` while A's period started at `aBase`: half a
 * period before A's midpoint if that is still ahead, else half a period after it, so that B rolls over at a
 * midpoint of A's periods and never more than one period after `now`. The rendered Terraform computes the
 * same with timecmp(plantimestamp(), ...).
 */
export function overlapBase(now: number, aBase: number, period: number): number {
  return now < aBase + period / 2 ? aBase - period / 2 : aBase + period / 2;
}

/**
 * The grace the library promises with overlap when applies run at least once per window (rotate-before days,
 * see windowDays): half a period, less the most an apply can be late (window - 1 days). Tests check it
 * against the simulator.
 */
export function overlapGraceDays(lifetimeDays: number, rotateBeforeDays: number, windowDays = rotateBeforeDays): number {
  return Math.floor(renewalPeriodDays(lifetimeDays, rotateBeforeDays) / 2) - (windowDays - 1);
}

/**
 * The longest run of days without an apply after which the delivered value is still valid: rotate-before
 * days for one slot; with overlap, the later slot is due half a period after the other, so half a period
 * more. Tests check it against longestTolerableGapDays, which searches the simulator.
 */
export function tolerableGapDays(lifetimeDays: number, rotateBeforeDays: number, overlap: boolean, windowDays = rotateBeforeDays): number {
  return overlap ? Math.floor(renewalPeriodDays(lifetimeDays, rotateBeforeDays) / 2 + windowDays) : windowDays;
}

export function simulateRotation(s: RotationScenario): RotationRun {
  const period = renewalPeriodDays(s.lifetimeDays, s.rotateBeforeDays);
  const expiryOf = (due: number) => (s.expires ? due + (s.windowDays ?? s.rotateBeforeDays) : Infinity);
  const slot = (name: string, base: number): Slot => ({ name, generation: 1, base, due: base + period, expiry: expiryOf(base + period) });
  const a = slot('a', 0);
  const slots = s.overlap ? [a, slot('b', overlapBase(0, 0, period))] : [a];
  const label = (x: Slot) => `${x.name}${x.generation}`;
  // A value is valid until it expires or its slot is renewed (revocation), whichever is first.
  const validUntil = new Map<string, number>(slots.map((x) => [label(x), x.expiry]));
  // The rendered conditional compares the slots' time_rotating instants: the later one expires later (and a
  // trigger, which never expires, is the newer one).
  const deliveredOf = () => slots.reduce((best, x) => (x.due > best.due ? x : best));
  let delivered = label(deliveredOf());
  const switches: Switch[] = [];
  const pending: { day: number; from: string; to: string }[] = [];
  const lapsedDays: number[] = [];

  // Run on past the horizon, so that every value delivered before it has its end (revocation or expiry).
  const end = s.days + s.lifetimeDays + period;
  for (let day = 0; day < end; day++) {
    if (day > 0 && s.appliesOn(day)) {
      for (const x of slots) {
        if (day < x.due) continue;
        validUntil.set(label(x), Math.min(validUntil.get(label(x)) as number, day)); // revoked now
        x.generation++;
        x.base = x === a ? day : overlapBase(day, a.base, period);
        x.due = x.base + period;
        x.expiry = expiryOf(x.due);
        validUntil.set(label(x), x.expiry);
      }
      const now = label(deliveredOf());
      if (now !== delivered && day < s.days) pending.push({ day, from: delivered, to: now });
      delivered = now;
    }
    if (day < s.days && day >= (validUntil.get(delivered) as number)) lapsedDays.push(day);
  }
  // Grace is known once the previous value's end is: read it after the run.
  for (const p of pending) switches.push({ ...p, graceDays: Math.max(0, Math.min(validUntil.get(p.from) as number, end) - p.day) });
  return { switches, lapsedDays, minGraceDays: Math.min(Infinity, ...switches.map((x) => x.graceDays)) };
}

/**
 * The longest run of days without an apply that never lets the delivered value lapse, whatever day the
 * run starts on, with daily applies otherwise: searched (by bisection, since a gap that is survived makes
 * every shorter one survived too), to check tolerableGapDays.
 */
export function longestTolerableGapDays(base: Omit<RotationScenario, 'appliesOn' | 'days'>): number {
  const period = renewalPeriodDays(base.lifetimeDays, base.rotateBeforeDays);
  const days = 2 * period + 2 * base.lifetimeDays;
  const survives = (gap: number) => {
    for (let start = 1; start <= period + 1; start++) {
      if (simulateRotation({ ...base, days, appliesOn: (d) => d < start || d >= start + gap }).lapsedDays.length > 0) return false;
    }
    return true;
  };
  let [low, high] = [0, base.lifetimeDays + 1]; // survives(low); not survives(high): nothing outlives its lifetime
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (survives(mid)) low = mid;
    else high = mid;
  }
  return low;
}
