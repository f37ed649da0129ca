/**
 * No attribute that replaces a resource (REPLACEMENT_ATTRIBUTES) may depend on prose the library generates.
 *
 * The identity matrix is synthesized twice: once as released, once with every piece of generated prose
 * reworded — each decision rule's reason and steps, every rationale line, every finding message. A release
 * that rewords prose must leave every replacing and create-only attribute byte-identical, or upgrading
 * would revoke and recreate tokens at the next apply.
 */
import { REPLACEMENT_ATTRIBUTES, stableAttributesOf } from '../../lib/core';
import type { MatrixStack } from '../support/identity-matrix';

type Matrix = typeof import('../support/identity-matrix');
type Body = Record<string, unknown>;

const REWORDED = 'Reworded in a later release: ';

function synthAll(matrix: Matrix): MatrixStack[] {
  return [...matrix.kindDeliveryMatrix(), ...matrix.optionStacks(), ...matrix.crossStackPair()];
}

/** The matrix as released. */
function released(): MatrixStack[] {
  let stacks: MatrixStack[] = [];
  jest.isolateModules(() => {
    stacks = synthAll(jest.requireActual('../support/identity-matrix'));
  });
  return stacks;
}

/** The matrix with every generated sentence reworded at its source. */
function reworded(): MatrixStack[] {
  let stacks: MatrixStack[] = [];
  jest.isolateModules(() => {
    jest.doMock('../../lib/core/decision-rules', () => {
      const actual = jest.requireActual('../../lib/core/decision-rules');
      return {
        ...actual,
        decide: (...args: unknown[]) => {
          const d = actual.decide(...args);
          return { ...d, because: `${REWORDED}${d.because}`, steps: d.steps.map((s: string) => `${REWORDED}${s}`) };
        },
      };
    });
    jest.doMock('../../lib/core/plan-identity', () => {
      const actual = jest.requireActual('../../lib/core/plan-identity');
      return {
        ...actual,
        planIdentity: (...args: unknown[]) => {
          const plan = actual.planIdentity(...args);
          return Object.freeze({
            ...plan,
            rationale: Object.freeze(plan.rationale.map((l: string) => (l.startsWith(REWORDED) ? l : `${REWORDED}${l}`))),
            findings: Object.freeze(plan.findings.map((f: { message: string }) => Object.freeze({ ...f, message: `${REWORDED}${f.message}` }))),
          });
        },
      };
    });
    stacks = synthAll(jest.requireActual('../support/identity-matrix'));
  });
  return stacks;
}

/** Every resource of a synthesized stack by address, with its body. */
function resourcesOf(json: string): Map<string, { type: string; body: Body }> {
  const config = JSON.parse(json) as { resource?: Record<string, Record<string, Body>> };
  const result = new Map<string, { type: string; body: Body }>();
  for (const [type, items] of Object.entries(config.resource ?? {})) {
    for (const [name, body] of Object.entries(items)) result.set(`${type}.${name}`, { type, body });
  }
  return result;
}

const before = released();
const after = reworded();

test('the rewording reached every plan (the test would otherwise prove nothing)', () => {
  const plans = after.filter((s) => s.rationale.length > 0);
  expect(plans.length).toBeGreaterThan(40);
  for (const s of plans) expect(s.rationale.every((l) => l.startsWith(REWORDED))).toBe(true);
  expect(before.every((s) => s.rationale.every((l) => !l.startsWith(REWORDED)))).toBe(true);
});

test('every resource type the library emits is in REPLACEMENT_ATTRIBUTES', () => {
  const types = new Set(before.flatMap((s) => [...resourcesOf(s.json).values()].map((r) => r.type)));
  expect([...types].filter((t) => stableAttributesOf(t) === undefined)).toEqual([]);
  // The matrix covers the table: an entry no case emits is a type the tests never load in Terraform.
  expect(Object.keys(REPLACEMENT_ATTRIBUTES).filter((t) => !types.has(t)).sort()).toEqual([]);
});

test('no replacing or create-only attribute changes when prose is reworded', () => {
  expect(after.map((s) => s.label)).toEqual(before.map((s) => s.label));
  const changed: string[] = [];
  before.forEach((stack, i) => {
    const old = resourcesOf(stack.json);
    const fresh = resourcesOf(after[i].json);
    expect([...fresh.keys()]).toEqual([...old.keys()]); // same addresses: no resource added, removed or renamed
    for (const [address, { type, body }] of old) {
      for (const attribute of stableAttributesOf(type) ?? []) {
        const was = JSON.stringify(body[attribute]);
        const now = JSON.stringify(fresh.get(address)?.body[attribute]);
        if (was !== now) changed.push(`${stack.label}: ${address}.${attribute} ${was} -> ${now}`);
      }
    }
  });
  expect(changed).toEqual([]);
});

test('every token description is the declared owner/purpose and kind', () => {
  const descriptions = before.flatMap((s) =>
    [...resourcesOf(s.json).values()].filter((r) => /_access_token$|pipeline_trigger$/.test(r.type) && r.body.description !== undefined).map((r) => r.body.description),
  );
  expect(descriptions.length).toBeGreaterThan(10);
  for (const d of descriptions) expect(d).toMatch(/^(team-bot(-[a-z0-9-]+)?: )?team\/bot: [a-z-]+$/);
});

test('access and personal tokens ignore later description changes, so upgrades from 0.1.0 revoke nothing', () => {
  const tokens = before.flatMap((s) =>
    [...resourcesOf(s.json).values()].filter((r) => ['gitlab_project_access_token', 'gitlab_group_access_token', 'gitlab_personal_access_token'].includes(r.type)),
  );
  expect(new Set(tokens.map((t) => t.type)).size).toBe(3);
  // Their lifecycle also carries the lapse check (lapse-check.ts), which replaces nothing.
  for (const t of tokens) expect((t.body.lifecycle as { ignore_changes: unknown }).ignore_changes).toEqual(['description']);
});
