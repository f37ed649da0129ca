/**
 * `overlap: true` renders two staggered slots for every kind that holds a secret: the Terraform loads, the
 * delivered value is the later-expiring slot's, slot b's base follows slot a's, the checks pass the pair as
 * one identity, and the inventory lists both slots. The Terraform expressions are evaluated offline with
 * `terraform console` on fixed instants, since synth reads no clock.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { AutomationIdentity, Delivery, INVENTORY_JSON_FILE, IdentityKind, KIND_EXPIRY_FORMAT, StackInventory } from '../../lib';
import { KINDS } from '../support/identity-matrix';
import { expectTerraformLoads, terraformConsole } from '../support/terraform';
import { inventoriesOfStacks } from '../support/inventory-of';
import { checkedStack, findingsIn, synth } from './policy/policy-support';
import { mentioning } from '../support/mentioning';

type Resources = Record<string, Record<string, Record<string, unknown>>>;

const SECRET_KINDS = (Object.keys(KINDS) as IdentityKind[]).filter((k) => k !== IdentityKind.CI_JOB_TOKEN);
const TOKEN_TYPES = ['gitlab_project_access_token', 'gitlab_group_access_token', 'gitlab_personal_access_token', 'gitlab_group_service_account_access_token',
  'gitlab_project_deploy_token', 'gitlab_group_deploy_token', 'gitlab_pipeline_trigger'];

function overlapping(kind: IdentityKind) {
  const stack = checkedStack();
  const identity = new AutomationIdentity(stack, 'bot', {
    owner: 'quality', purpose: 'sync', ...KINDS[kind], overlap: true, deliverTo: Delivery.ciVariable({ project: 'acme/ops', key: 'SYNC_TOKEN' }),
  });
  const failure = synth(stack);
  const outdir = (stack.node.root as App).outdir;
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'team', file), 'utf8')) as unknown;
  const json = read('cdk.tf.json') as { resource: Resources };
  const tokens = TOKEN_TYPES.flatMap((t) => Object.entries(json.resource[t] ?? {}).map(([name, body]) => ({ address: `${t}.${name}`, body })));
  return { stack, identity, failure, json, tokens, inventory: read(INVENTORY_JSON_FILE) as StackInventory };
}

const RENDERED = new Map(SECRET_KINDS.map((k) => [k, overlapping(k)]));

describe.each(SECRET_KINDS)('%s with overlap', (kind) => {
  const { identity, failure, json, tokens, inventory } = RENDERED.get(kind) as ReturnType<typeof overlapping>;
  const [a, b] = Object.entries(json.resource.time_rotating ?? {});

  test('two schedules: a starts at the first apply; b takes its base from a, kept until it rolls over', () => {
    expect(failure).toBeUndefined();
    expect(Object.keys(json.resource.time_rotating)).toHaveLength(2);
    expect(a[1]).toEqual({ rotation_days: 76, '//': expect.anything() });
    const base = `time_rotating.${a[0]}.rfc3339`;
    expect(b[1]).toMatchObject({
      rotation_days: 76,
      rfc3339: `\${timecmp(plantimestamp(), timeadd(${base}, "912h")) < 0 ? timeadd(${base}, "-912h") : timeadd(${base}, "912h")}`,
      lifecycle: { ignore_changes: ['rfc3339'] },
    });
  });

  test('a token in each slot for every target, named -a and -b, replaced when its slot rolls over', () => {
    // Deploy tokens and triggers have one token per target; the others one token.
    const perTarget = kind.includes('deploy') || kind === IdentityKind.PIPELINE_TRIGGER_TOKEN;
    expect(tokens).toHaveLength(2 * (perTarget ? identity.plan.grants.length : 1));
    for (const t of tokens) {
      const slot = /Token-(a|b)_|-(a|b)_[0-9A-F]+$/.exec(t.address)?.slice(1).find(Boolean) as string;
      const rotating = slot === 'a' ? a[0] : b[0];
      const [renewal] = Object.entries(json.resource.terraform_data).find(([, r]) => (r.triggers_replace as { rotation: string }).rotation === `\${time_rotating.${rotating}.rotation_rfc3339}`) ?? [];
      expect(t.body.lifecycle).toMatchObject({ create_before_destroy: true, replace_triggered_by: [`terraform_data.${renewal}`] });
      expect(t.body).not.toHaveProperty('rotation_configuration');
      const name = (t.body.name ?? t.body.description) as string;
      expect(name).toMatch(new RegExp(`-${slot}(:|$)`));
      if (kind !== IdentityKind.PIPELINE_TRIGGER_TOKEN) expect(String(t.body.expires_at)).toContain(`time_rotating.${rotating}.rotation_rfc3339, "336h"`);
    }
  });

  test('the variable holds the slot whose schedule rolls over later', () => {
    const value = Object.values(json.resource.gitlab_project_variable)[0].value as string;
    expect(value).toMatch(new RegExp(`^\\$\\{timecmp\\(time_rotating\\.${a[0]}\\.rotation_rfc3339, time_rotating\\.${b[0]}\\.rotation_rfc3339\\) >= 0 \\? \\S+\\.token : \\S+\\.token\\}$`));
  });

  test('the checks pass the pair as one identity, and the inventory lists both slots', () => {
    expect(findingsIn(identity).filter((f) => f.level === 'error')).toEqual([]);
    const entry = inventory.identities.find((e) => e.source === 'automation-identity') as StackInventory['identities'][number];
    // A date expiry (access, personal and service-account tokens) leaves a day less of window.
    const dated = KIND_EXPIRY_FORMAT[kind] === 'date';
    expect(entry.overlap).toEqual({
      delivered: 'later-expiring', graceDays: dated ? 26 : 25, tolerableGapDays: dated ? 51 : 52,
      slots: [...new Set(tokens.map((t) => ((t.body.name as string | undefined) ?? (t.body.description as string).split(':')[0])))].sort(),
    });
    expect([entry.expiry, entry.lifetimeDays]).toEqual(['rotating', 90]);
  });
});

test('every overlapping kind loads in Terraform', async () => {
  await expectTerraformLoads([...RENDERED].map(([kind, r]) => ({ label: kind, json: r.json })));
});

describe('the expressions, evaluated by Terraform on fixed instants', () => {
  const { json } = RENDERED.get(IdentityKind.PROJECT_ACCESS_TOKEN) as ReturnType<typeof overlapping>;
  const [a, b] = Object.keys(json.resource.time_rotating);
  const inner = (text: string) => text.replace(/^\$\{(.*)\}$/s, '$1');
  const baseOfB = inner(json.resource.time_rotating[b].rfc3339 as string);
  /** Slot b's base when created at `now`, with slot a's schedule started at `aBase`. */
  const evaluateBase = (now: string, aBase: string) =>
    baseOfB.replace(/plantimestamp\(\)/g, `"${now}"`).replace(new RegExp(`time_rotating\\.${a}\\.rfc3339`, 'g'), `"${aBase}"`);

  test('created with a at the first apply: b rolls over at a\'s midpoint, 38 days in', () => {
    expect(terraformConsole([evaluateBase('2027-01-01T10:00:00Z', '2027-01-01T10:00:05Z')])).toEqual(['2026-11-24T10:00:05Z']);
  });

  test('renewed after a\'s midpoint: b\'s next roll-over is the next midpoint; a renewed late moves it with a', () => {
    expect(terraformConsole([
      // a's midpoint was 2027-02-08: b's new base is that midpoint, so it rolls over at the next one, 2027-04-25.
      evaluateBase('2027-02-10T09:00:00Z', '2027-01-01T10:00:00Z'),
      // a renewed late, on 2027-03-19: b, created after, takes its base from a's new one and rolls over at its midpoint, 2027-04-26.
      evaluateBase('2027-03-20T09:00:00Z', '2027-03-19T08:00:00Z'),
    ])).toEqual(['2027-02-08T10:00:00Z', '2027-02-09T08:00:00Z']);
  });

  test('the variable takes the slot that rolls over later', () => {
    const value = inner(Object.values(json.resource.gitlab_project_variable)[0].value as string);
    const at = (ra: string, rb: string) => value
      .replace(`time_rotating.${a}.rotation_rfc3339`, `"${ra}"`).replace(`time_rotating.${b}.rotation_rfc3339`, `"${rb}"`)
      .replace(/gitlab_project_access_token\.\S+-a_[0-9A-F]+\.token/, '"value of slot a"').replace(/gitlab_project_access_token\.\S+-b_[0-9A-F]+\.token/, '"value of slot b"');
    expect(terraformConsole([at('2027-03-18T10:00:00Z', '2027-02-08T10:00:00Z'), at('2027-03-18T10:00:00Z', '2027-05-03T10:00:00Z')]))
      .toEqual(['value of slot a', 'value of slot b']);
  });

  test('the lapse check passes a token that outlives the window and fails one inside it', () => {
    const lifecycle = Object.values(json.resource.gitlab_project_access_token)[0].lifecycle as { postcondition: { condition: string }[] };
    const condition = inner(lifecycle.postcondition[0].condition).replace('plantimestamp()', '"2027-03-01T12:00:00Z"');
    const on = (date: string) => condition.replace('self.expires_at', `"${date}"`);
    // 14-day window, less the day a date may fall short: fails from 13 days out.
    expect(terraformConsole([on('2027-04-01'), on('2027-03-15'), on('2027-03-14'), on('2027-03-02')])).toEqual(['true', 'true', 'false', 'false']);
  });
});

test('each slot is judged on its own: one slot made to outlive the policy is an error on that slot only', () => {
  const stack = checkedStack();
  const identity = new AutomationIdentity(stack, 'bot', { owner: 'quality', purpose: 'sync', ...KINDS[IdentityKind.PROJECT_ACCESS_TOKEN], overlap: true });
  const slotB = identity.node.findChild('Token-b') as unknown as { addOverride(path: string, value: unknown): void };
  const rotationB = identity.node.findChild('Rotation-b') as unknown as { friendlyUniqueId: string };
  slotB.addOverride('expires_at', `\${formatdate("YYYY-MM-DD", timeadd(time_rotating.${rotationB.friendlyUniqueId}.rotation_rfc3339, "2160h"))}`);
  synth(stack);
  const errors = findingsIn(stack).filter((f) => f.level === 'error');
  expect(errors.map((f) => f.path)).toEqual(expect.arrayContaining(['team/bot/Token-b']));
  expect(errors.filter((f) => f.path.endsWith('Token-a'))).toEqual([]);
  expect(errors.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['GLID-003', 'GLID-021']));
});

describe('overrides that defeat overlap are errors', () => {
  function overridden(change: (identity: AutomationIdentity) => void) {
    const stack = checkedStack();
    const identity = new AutomationIdentity(stack, 'bot', {
      owner: 'quality', purpose: 'sync', ...KINDS[IdentityKind.PROJECT_DEPLOY_TOKEN], overlap: true, deliverTo: Delivery.ciVariable({ project: 'acme/ops', key: 'SYNC_TOKEN' }),
    });
    change(identity);
    synth(stack);
    const [inventory] = inventoriesOfStacks([stack]);
    return { errors: findingsIn(stack).filter((f) => f.level === 'error').map(({ ruleId, path: at, message }) => ({ ruleId, path: at, message })), inventory };
  }
  const variables = (identity: AutomationIdentity) => identity.node.findAll().filter((c) => c.node.id.startsWith('Variable-')) as unknown as { addOverride(p: string, v: unknown): void; node: { id: string } }[];
  const address = (identity: AutomationIdentity, id: string) => {
    const r = identity.node.findChild(id) as unknown as { terraformResourceType: string; friendlyUniqueId: string };
    return `${r.terraformResourceType}.${r.friendlyUniqueId}`;
  };

  test.each([
    ['one slot delivered', (i: AutomationIdentity) => `\${${address(i, 'DeployToken-acme~app-a')}.token}`],
    ['the conditional inverted', (i: AutomationIdentity) =>
      `\${timecmp(${address(i, 'Rotation-a')}.rotation_rfc3339, ${address(i, 'Rotation-b')}.rotation_rfc3339) >= 0 ? ${address(i, 'DeployToken-acme~app-b')}.token : ${address(i, 'DeployToken-acme~app-a')}.token}`],
  ])('GIVEN %s WHEN checked THEN GLID-021, and the inventory says so', (_, value) => {
    const { errors, inventory } = overridden((i) => {
      const token = variables(i).find((v) => v.node.id.endsWith('SYNC_TOKEN_APP'));
      token?.addOverride('value', value(i));
    });
    expect(errors).toContainEqual({
      ruleId: 'GLID-021', path: expect.stringMatching(/^team\/bot\/Variable-.*SYNC_TOKEN_APP$/),
      // The variable, and what it should deliver: the slot that expires later.
      message: mentioning('gitlab_project_variable', "'SYNC_TOKEN_APP'", 'slot', 'later'),
    });
    expect(inventory.identities[0].overlap?.delivered).toBe('not-the-later-slot');
  });

  test('GIVEN slot b\'s schedule without ignore_changes WHEN checked THEN GLID-022: both slots would renew in one apply', () => {
    let rotations: string[] = [];
    const { errors } = overridden((i) => {
      rotations = [address(i, 'Rotation-b'), address(i, 'Rotation-a')];
      (i.node.findChild('Rotation-b') as unknown as { addOverride(p: string, v: unknown): void }).addOverride('lifecycle.ignore_changes', undefined);
    });
    // Slot b's schedule, the one it takes its base from, and the fix: lifecycle.ignore_changes = ["rfc3339"].
    expect(errors).toContainEqual(expect.objectContaining({ ruleId: 'GLID-022', message: mentioning(...rotations, 'lifecycle.ignore_changes', '"rfc3339"') }));
  });
});
