/**
 * The rotation simulator (lib/core/rotation-model.ts) over two years, for every kind that holds a secret,
 * with one slot and with overlap, under the apply schedules users run. The invariants are what the library
 * promises in the plan, `explain` and the README: no lapse while applies run at least once per rotate-before
 * window; with overlap, every replaced value stays valid at least `overlapGraceDays` after consumers are
 * switched away from it; with one slot, none at all.
 */
import fc from 'fast-check';
import { runs } from '../support/property-runs';
import {
  ALL_IDENTITY_KINDS, IdentityKind, KIND_EXPIRES, longestTolerableGapDays, overlapBase, overlapGraceDays, renewalWindowDays, simulateRotation, tolerableGapDays,
} from '../../lib/core';

const TWO_YEARS = 730;
const DEFAULTS = { lifetimeDays: 90, rotateBeforeDays: 14 };
const SECRET_KINDS = ALL_IDENTITY_KINDS.filter((k) => k !== IdentityKind.CI_JOB_TOKEN);

/** Apply schedules, as days on which `terraform apply` runs (day 0, the first apply, always). */
const SCHEDULES: Record<string, (day: number) => boolean> = {
  daily: () => true,
  weekly: (d) => d % 7 === 0,
  'every rotate-before days (14)': (d) => d % 14 === 0,
  // Weekly, with single weeks missed here and there: no gap longer than 14 days.
  'weekly with missed weeks': (d) => d % 7 === 0 && ![3, 9, 27, 40, 66, 81, 99].includes(d / 7),
};

describe.each(SECRET_KINDS)('%s', (kind) => {
  const expires = KIND_EXPIRES[kind];
  describe.each(Object.entries(SCHEDULES))('applied %s', (_, appliesOn) => {
    test('one slot: never lapses, and every renewal revokes the delivered value at once (grace 0)', () => {
      const run = simulateRotation({ ...DEFAULTS, expires, overlap: false, appliesOn, days: TWO_YEARS });
      expect(run.lapsedDays).toEqual([]);
      expect(run.switches.length).toBeGreaterThanOrEqual(8);
      expect(run.switches.every((s) => s.graceDays === 0)).toBe(true);
    });

    // Overlap slots are replaced on a schedule: a date expiry gets a day less of window (renewalWindowDays).
    const windowDays = renewalWindowDays(kind, DEFAULTS.rotateBeforeDays, true);
    test(`overlap: never lapses, and every replaced value stays valid at least ${overlapGraceDays(90, 14, windowDays)} days after the switch`, () => {
      const run = simulateRotation({ ...DEFAULTS, expires, windowDays, overlap: true, appliesOn, days: TWO_YEARS });
      expect(run.lapsedDays).toEqual([]);
      expect(run.switches.length).toBeGreaterThanOrEqual(16);
      expect(run.minGraceDays).toBeGreaterThanOrEqual(overlapGraceDays(90, 14, windowDays));
      // The slots alternate: a slot is never renewed while it is the one delivered.
      expect(run.switches.every((s) => s.from[0] !== s.to[0])).toBe(true);
    });
  });
});

describe('missed applies longer than the window', () => {
  // Twice three weeks without an apply, while a renewal is due: longer than rotate-before (14 days), shorter than
  // what overlap tolerates.
  const threeWeeksMissed = (d: number) => d % 7 === 0 && ![22, 23, 60, 61].includes(d / 7);

  test('one slot: the delivered token lapses for days', () => {
    const run = simulateRotation({ ...DEFAULTS, expires: true, overlap: false, appliesOn: threeWeeksMissed, days: TWO_YEARS });
    expect(run.lapsedDays.length).toBeGreaterThan(0);
  });

  test('overlap: the later slot carries consumers through', () => {
    const run = simulateRotation({ ...DEFAULTS, expires: true, overlap: true, appliesOn: threeWeeksMissed, days: TWO_YEARS });
    expect(run.lapsedDays).toEqual([]);
  });
});

describe('the staggering needs no date: it follows from the first apply', () => {
  test('slot B rolls over at the midpoint of A\'s period, or of the next one once that has passed', () => {
    expect(overlapBase(0, 0, 76)).toBe(-38); // created together: B rolls over on day 38
    expect(overlapBase(40, 0, 76)).toBe(38); // B renewed after A's midpoint: next midpoint, day 114
    expect(overlapBase(80, 77, 76)).toBe(39); // A renewed late on day 77: B follows A, rolls over on day 115
  });

  test('with daily applies the renewals alternate exactly half a period apart', () => {
    const run = simulateRotation({ ...DEFAULTS, expires: true, overlap: true, appliesOn: () => true, days: 400 });
    expect(run.switches.map((s) => [s.day, s.from, s.to])).toEqual([
      [38, 'a1', 'b2'], [76, 'b2', 'a2'], [114, 'a2', 'b3'], [152, 'b3', 'a3'], [190, 'a3', 'b4'], [228, 'b4', 'a4'], [266, 'a4', 'b5'], [304, 'b5', 'a5'], [342, 'a5', 'b6'], [380, 'b6', 'a6'],
    ]);
    expect(run.switches.every((s) => s.graceDays === 38)).toBe(true);
  });
});

describe('the promises hold for any lifetime and schedule', () => {
  /** A lifetime and rotate-before with at least a day of grace, and a schedule never idle longer than rotate-before. */
  const scenario = fc.integer({ min: 1, max: 60 }).chain((rotateBeforeDays) => fc.record({
    rotateBeforeDays: fc.constant(rotateBeforeDays),
    lifetimeDays: fc.integer({ min: 3 * rotateBeforeDays, max: 365 }).filter((l) => overlapGraceDays(l, rotateBeforeDays) >= 1),
    gaps: fc.array(fc.integer({ min: 1, max: rotateBeforeDays }), { minLength: 1, maxLength: 40 }),
  }));
  const appliesOn = (gaps: readonly number[]) => {
    const days = new Set<number>();
    for (let d = 0, i = 0; d < 2 * TWO_YEARS; d += gaps[i++ % gaps.length]) days.add(d);
    return (d: number) => days.has(d);
  };

  test('overlap: no lapse, and at least overlapGraceDays of grace, with the whole window or a day less (a date expiry)', () => {
    fc.assert(fc.property(scenario, fc.boolean(), ({ lifetimeDays, rotateBeforeDays, gaps }, dated) => {
      const windowDays = dated ? Math.max(1, rotateBeforeDays - 1) : rotateBeforeDays;
      const within = gaps.map((g) => Math.min(g, windowDays));
      const run = simulateRotation({ lifetimeDays, rotateBeforeDays, windowDays, expires: true, overlap: true, appliesOn: appliesOn(within), days: TWO_YEARS });
      expect(run.lapsedDays).toEqual([]);
      expect(run.minGraceDays).toBeGreaterThanOrEqual(overlapGraceDays(lifetimeDays, rotateBeforeDays, windowDays));
    }), { numRuns: runs(200) });
  });

  test('one slot: no lapse, and no grace', () => {
    fc.assert(fc.property(scenario, ({ lifetimeDays, rotateBeforeDays, gaps }) => {
      const run = simulateRotation({ lifetimeDays, rotateBeforeDays, expires: true, overlap: false, appliesOn: appliesOn(gaps), days: TWO_YEARS });
      expect(run.lapsedDays).toEqual([]);
      expect(run.switches.every((s) => s.graceDays === 0)).toBe(true);
    }), { numRuns: runs(200) });
  });

  test.each([[90, 14], [30, 7], [120, 30], [60, 20], [45, 14], [21, 7], [40, 1]])(
    'lifetime %i, rotate-before %i: the tolerable gap the plan states is the one the simulator finds', (lifetimeDays, rotateBeforeDays) => {
      for (const overlap of [false, true]) {
        for (const windowDays of [rotateBeforeDays, Math.max(1, rotateBeforeDays - 1)]) {
          expect(tolerableGapDays(lifetimeDays, rotateBeforeDays, overlap, windowDays))
            .toBe(longestTolerableGapDays({ lifetimeDays, rotateBeforeDays, windowDays, expires: true, overlap }));
        }
      }
    });
});
