/**
 * Properties of the construct layer, over random props:
 * - valid props synthesize (with cdktf's validations) and keep the invariants a user relies on: an explicit
 *   role, an expiry or rotation on every token, deliveries masked/hidden/protected, no secret outside
 *   sensitive references;
 * - invalid props always raise the library's own error with a code, never a TypeError from inside.
 */
import fc from 'fast-check';
import { runs } from '../support/property-runs';
import { AutomationIdentity, AutomationIdentityProps, Delivery, isIdentityError } from '../../lib';
import { declare, props, spec } from '../support/identity-specs';
import { userStack } from './support';

type Body = Record<string, unknown>;
function resourcesOf(out: string): [string, Body][] {
  const json = JSON.parse(out) as { resource?: Record<string, Record<string, Body>> };
  return Object.entries(json.resource ?? {}).flatMap(([type, items]) => Object.values(items).map((b) => [type, b] as [string, Body]));
}

function stringsIn(value: unknown, path: string[] = []): [string, string][] {
  if (typeof value === 'string') return [[path.join('.'), value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsIn(v, [...path, String(i)]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringsIn(v, [...path, k]));
  return [];
}

const ROTATED_TOKENS = ['gitlab_project_access_token', 'gitlab_group_access_token', 'gitlab_personal_access_token', 'gitlab_group_service_account_access_token'];
const DEPLOY_TOKENS = ['gitlab_project_deploy_token', 'gitlab_group_deploy_token'];

describe('random valid props', () => {
  test('synthesize with validations and keep every invariant', () => {
    fc.assert(
      fc.property(spec, (s) => {
        const declared = declare(s);
        if (!declared) return;
        const { out, identity } = declared;
        for (const [type, body] of resourcesOf(out)) {
          // An explicit role wherever GitLab would otherwise default to maintainer.
          if (['gitlab_project_access_token', 'gitlab_group_access_token', 'gitlab_project_membership', 'gitlab_group_membership'].includes(type)) {
            expect([type, typeof body.access_level]).toEqual([type, 'string']);
            expect(body.access_level).toBe(identity.plan.accessLevel);
          }
          // Expiry or rotation on every token.
          if (ROTATED_TOKENS.includes(type)) {
            expect(body.rotation_configuration).toEqual({ expiration_days: s.lifetime, rotate_before_days: Math.min(s.rotateBefore, s.lifetime - 1) });
          }
          if (DEPLOY_TOKENS.includes(type)) expect(String(body.expires_at)).toMatch(/^\$\{timeadd\(time_rotating\.[^.]+\.rotation_rfc3339, "\d+h"\)\}$/);
          if (type === 'gitlab_pipeline_trigger') expect((body.lifecycle as Body).replace_triggered_by).toHaveLength(1);
          // Deliveries: masked, hidden and raw; protected as asked.
          if (type === 'gitlab_project_variable' && /\.token\}$/.test(String(body.value))) {
            expect([body.masked, body.hidden, body.raw, body.protected]).toEqual([true, true, true, s.protectedDelivery]);
          }
        }
        // A secret appears only as the value of a CI/CD variable.
        for (const [where, text] of stringsIn(JSON.parse(out))) {
          if (/\.token\}/.test(text)) expect(where).toMatch(/^resource\.gitlab_project_variable\.[^.]+\.value$/);
        }
      }),
      { numRuns: runs(120) },
    );
  });
});

describe('random invalid props', () => {
  const validProps = spec.map(props);
  const junk = fc.oneof(fc.anything(), fc.constantFrom(null, undefined, '', 'x', -1, 0, 1.5, NaN, [], {}, [null], ['api:raed']));
  const fields = [
    'owner', 'purpose', 'runtime', 'reach', 'capabilities', 'policy', 'lifetimeDays', 'rotateBeforeDays', 'accessLevel', 'botUserId',
    'deliverTo', 'ensureBotAuthoredLabel', 'notifyExpiry', 'serviceAccountGroup', 'serviceAccountUsername', 'contactEmail',
  ] as const;

  test('raise the library\'s own error with a code, never a TypeError', () => {
    fc.assert(
      fc.property(validProps, fc.constantFrom(...fields), junk, (base, field, value) => {
        const bad = { ...base, [field]: value } as unknown as AutomationIdentityProps;
        try {
          new AutomationIdentity(userStack(), 'identity', bad);
        } catch (e) {
          expect(isIdentityError(e)).toBe(true);
          expect(typeof (e as { code: unknown }).code).toBe('string');
          expect((e as Error).message).not.toMatch(/\n\s+at /);
        }
      }),
      { numRuns: runs(400) },
    );
  });

  test('whole junk props too', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        try {
          new AutomationIdentity(userStack(), 'identity', value as AutomationIdentityProps);
        } catch (e) {
          expect(isIdentityError(e)).toBe(true);
        }
      }),
      { numRuns: runs(200) },
    );
  });

  test('junk deliveries are refused by Delivery itself', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (project, key) => {
        try {
          Delivery.ciVariable({ project, key } as never);
        } catch (e) {
          expect(isIdentityError(e)).toBe(true);
        }
      }),
      { numRuns: runs(200) },
    );
  });
});

test('synth is deterministic for random props', () => {
  fc.assert(
    fc.property(spec, (s) => {
      const first = declare(s);
      const second = declare(s);
      expect(second?.out).toBe(first?.out);
    }),
    { numRuns: runs(40) },
  );
});
