/**
 * Rendering follows the platform: before GitLab 17.6 there are no hidden CI/CD variables, so the delivered
 * variable is masked without `hidden` (an attribute the instance would refuse), and the inventory says the
 * value is only masked; before 17.9 a service-account token is replaced on a schedule instead of rotated to a
 * lifetime the provider would refuse; a reach across top-level groups on self-managed or Dedicated is an
 * instance service account. Each is checked, inventoried and loaded by Terraform.
 */
import * as fs from 'fs';
import * as path from 'path';
import { AnnotationMetadataEntryType, App, TerraformResource } from 'cdktf';
import { InstanceServiceAccount } from '@cdktf/provider-gitlab/lib/instance-service-account';
import { AutomationIdentity, Capability, Delivery, INVENTORY_JSON_FILE, IdentityPolicy, Reach, Runtime } from '../../../lib';
import { expectTerraformLoads, terraformConsole } from '../../support/terraform';
import { checkedStack, findingsIn, serviceAccountToken, synth } from './policy-support';
import { mentioning, mentioningPattern } from '../../support/mentioning';

function delivered(version: string) {
  const stack = checkedStack();
  const identity = new AutomationIdentity(stack, 'bot', {
    owner: 'quality', purpose: 'triage', runtime: Runtime.external(), reach: Reach.projects(['acme/app', 'acme/lib']),
    capabilities: [Capability.API_READ], deliverTo: Delivery.ciVariable({ project: 'acme/ops', key: 'TRIAGE_TOKEN' }),
    policy: { platform: { offering: 'self-managed', tier: 'premium', version } },
  });
  expect(synth(stack)).toBeUndefined();
  const outdir = (stack.node.root as App).outdir;
  const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'team', 'cdk.tf.json'), 'utf8')) as { resource: { gitlab_project_variable: Record<string, Record<string, unknown>> } };
  const inventory = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'team', INVENTORY_JSON_FILE), 'utf8')) as { identities: { deliveries: Record<string, unknown>[] }[] };
  return { identity, json, inventory };
}

describe('hidden variables by GitLab version', () => {
  test('GIVEN self-managed 17.5 WHEN synthesized THEN the variable is masked, not hidden, with no finding, and the inventory says masked only', async () => {
    const { identity, json, inventory } = delivered('17.5');
    const variable = Object.values(json.resource.gitlab_project_variable)[0];
    expect(variable.masked).toBe(true);
    expect('hidden' in variable).toBe(false);
    expect(findingsIn(identity).filter((f) => f.ruleId === 'GLID-013')).toEqual([]);
    expect(inventory.identities[0].deliveries[0]).toMatchObject({ key: 'TRIAGE_TOKEN', maskedOnly: true });
    await expectTerraformLoads([{ label: 'self-managed 17.5', json }]);
  });

  test('GIVEN self-managed 17.6 WHEN synthesized THEN the variable is hidden too', () => {
    const { json, inventory } = delivered('17.6');
    expect(Object.values(json.resource.gitlab_project_variable)[0]).toMatchObject({ masked: true, hidden: true });
    expect(inventory.identities[0].deliveries[0]).not.toHaveProperty('maskedOnly');
  });
});

describe('the cap of service accounts on Free', () => {
  function serviceAccounts(count: number, platform: { offering: 'gitlab.com' | 'self-managed'; tier: 'free' | 'premium' }) {
    const stack = checkedStack();
    for (let i = 0; i < count; i++) {
      new AutomationIdentity(stack, `bot${i}`, {
        owner: 'quality', purpose: `bot-${i}`, runtime: Runtime.external(), reach: Reach.projects([`acme/app-${i}`, `acme/lib-${i}`]),
        capabilities: [Capability.API_READ], policy: { platform },
      });
    }
    return { stack, failure: synth(stack) };
  }

  test('GIVEN 101 service accounts in one top-level group on GitLab.com Free WHEN synthesized THEN synth fails naming the cap', () => {
    // How many are planned, where, the cap on Free, and a fix (Premium has none).
    expect(serviceAccounts(101, { offering: 'gitlab.com', tier: 'free' }).failure).toMatch(mentioningPattern('101', 'acme', 'GitLab.com', 'Free', '100', 'Premium'));
  });

  test('GIVEN 80 on GitLab.com Free WHEN synthesized THEN a warning, and synth passes', () => {
    const { stack, failure } = serviceAccounts(80, { offering: 'gitlab.com', tier: 'free' });
    expect(failure).toBeUndefined();
    const warned = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN));
    expect(warned.map((m) => String(m.data))).toContainEqual(mentioning('80', 'acme', 'GitLab.com', 'Free', '100'));
  });

  test('GIVEN 101 on self-managed Premium WHEN synthesized THEN no cap', () => {
    expect(serviceAccounts(101, { offering: 'self-managed', tier: 'premium' }).failure).toBeUndefined();
  });
});

type Json = Record<string, Record<string, Record<string, unknown>>>;

function synthesized(props: { reach: Reach; version: string }) {
  const stack = checkedStack();
  const identity = new AutomationIdentity(stack, 'bot', {
    owner: 'quality', purpose: 'mirror', runtime: Runtime.external(), reach: props.reach,
    capabilities: [Capability.REPOSITORY_WRITE], deliverTo: Delivery.ciVariable({ project: 'acme/ops', key: 'MIRROR_TOKEN' }),
    policy: { platform: { offering: 'self-managed', tier: 'premium', version: props.version } },
  });
  const failure = synth(stack);
  const outdir = (stack.node.root as App).outdir;
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'team', file), 'utf8')) as unknown;
  return { identity, failure, json: read('cdk.tf.json') as { resource: Json }, inventory: read(INVENTORY_JSON_FILE) as { identities: Record<string, unknown>[] } };
}

const only = (resources: Record<string, Record<string, unknown>> | undefined) => {
  const all = Object.entries(resources ?? {});
  expect(all).toHaveLength(1);
  return { address: all[0][0], body: all[0][1] };
};

describe('an instance service account for a reach across top-level groups', () => {
  const { identity, failure, json, inventory } = synthesized({ reach: Reach.projects(['acme/app', 'beta/docs']), version: '18.6' });

  test('GIVEN self-managed 18.6 WHEN synthesized THEN the account, a membership per project and its personal access token with rotation', () => {
    expect(failure).toBeUndefined();
    const account = only(json.resource.gitlab_instance_service_account);
    expect(account.body).toMatchObject({ name: 'quality-mirror', username: 'quality-mirror' });
    const userId = `\${tonumber(gitlab_instance_service_account.${account.address}.service_account_id)}`;
    expect(Object.values(json.resource.gitlab_project_membership).map((m) => [m.project, m.access_level, m.user_id]))
      .toEqual([['acme/app', 'developer', userId], ['beta/docs', 'developer', userId]]);
    const token = only(json.resource.gitlab_personal_access_token);
    expect(token.body).toMatchObject({ user_id: userId, name: 'quality-mirror', scopes: ['write_repository'], rotation_configuration: { expiration_days: 90, rotate_before_days: 14 } });
    expect(Object.values(json.resource.gitlab_project_variable)[0].value).toBe(`\${gitlab_personal_access_token.${token.address}.token}`);
    expect(json.resource.gitlab_group_service_account).toBeUndefined();
  });

  test('THEN the only finding is the warning that an administrator must apply it', () => {
    expect(findingsIn(identity).map((f) => [f.ruleId, f.level])).toEqual([['GLID-024', 'warning']]);
  });

  test('THEN the inventory lists its kind, memberships, user and rotation', () => {
    expect(inventory.identities[0]).toMatchObject({
      kind: 'instance-service-account', accessLevel: 'developer', scopes: ['write_repository'], expiry: 'rotating', lifetimeDays: 90, rotateBeforeDays: 14,
      grants: [{ type: 'membership', target: 'acme/app' }, { type: 'membership', target: 'beta/docs' }],
    });
    expect((inventory.identities[0].findings as { ruleId: string }[]).map((f) => f.ruleId)).toEqual(['GLID-024']);
  });

  test('THEN Terraform loads it', async () => {
    await expectTerraformLoads([{ label: 'instance service account', json }]);
  });
});

describe('a service-account token before GitLab 17.9', () => {
  const old = synthesized({ reach: Reach.projects(['acme/app', 'acme/docs']), version: '17.8' });

  test('GIVEN self-managed 17.8 WHEN synthesized THEN a fixed expires_at date from a time_rotating, replaced when it rolls over, and no rotation_configuration', () => {
    expect(old.failure).toBeUndefined();
    const token = only(old.json.resource.gitlab_group_service_account_access_token).body;
    const rotating = only(old.json.resource.time_rotating);
    expect(rotating.body).toMatchObject({ rotation_days: 76 });
    expect(token).not.toHaveProperty('rotation_configuration');
    expect(token.expires_at).toBe(`\${formatdate("YYYY-MM-DD", timeadd(time_rotating.${rotating.address}.rotation_rfc3339, "336h"))}`);
    const renewal = only(old.json.resource.terraform_data);
    expect(renewal.body).toMatchObject({ triggers_replace: { rotation: `\${time_rotating.${rotating.address}.rotation_rfc3339}` } });
    expect(token.lifecycle).toMatchObject({ create_before_destroy: true, replace_triggered_by: [`terraform_data.${renewal.address}`] });
    // The lapse check reads the date with a day's allowance: formatdate may fall up to a day before the instant.
    expect((token.lifecycle as { postcondition: { condition: string }[] }).postcondition[0].condition)
      .toBe('${timecmp(format("%sT00:00:00Z", self.expires_at), timeadd(plantimestamp(), "312h")) >= 0}');
  });

  test('THEN expires_at is the date 90 days after the schedule started, as Terraform computes it', () => {
    const token = only(old.json.resource.gitlab_group_service_account_access_token).body;
    // The schedule started 2026-03-01; time_rotating rolls over 76 days later, on 2026-05-16T09:30:00Z.
    const expression = (token.expires_at as string).replace(/^\$\{(.*)\}$/, '$1').replace(/time_rotating\.[\w-]+\.rotation_rfc3339/, '"2026-05-16T09:30:00Z"');
    expect(terraformConsole([expression])).toEqual(['2026-05-30']);
  });

  test('THEN the plan\'s warning is the only finding, and the inventory still shows a 90-day token rotated 14 days before', () => {
    expect(findingsIn(old.identity).map((f) => [f.ruleId, f.level])).toEqual([['GLID-025', 'warning']]);
    expect(old.inventory.identities[0]).toMatchObject({ kind: 'service-account', expiry: 'rotating', lifetimeDays: 90, rotateBeforeDays: 14 });
  });

  test('THEN Terraform loads it', async () => {
    await expectTerraformLoads([{ label: 'service-account token on 17.8', json: old.json }]);
  });

  test('GIVEN self-managed 17.9 WHEN synthesized THEN the provider rotates the token', () => {
    const { json, failure } = synthesized({ reach: Reach.projects(['acme/app', 'acme/docs']), version: '17.9' });
    expect(failure).toBeUndefined();
    expect(only(json.resource.gitlab_group_service_account_access_token).body).toMatchObject({ rotation_configuration: { expiration_days: 90, rotate_before_days: 14 } });
    expect(json.resource.time_rotating).toBeUndefined();
  });
});

describe('checks for an older GitLab than an identity was planned for', () => {
  function checkedOn178(identityPolicy: IdentityPolicy) {
    const stack = checkedStack({ policy: { platform: { offering: 'self-managed', tier: 'premium', version: '17.8' } } });
    new AutomationIdentity(stack, 'bot', {
      owner: 'quality', purpose: 'mirror', runtime: Runtime.external(), reach: Reach.projects(['acme/app', 'acme/docs']), capabilities: [Capability.API_READ], policy: identityPolicy,
    });
    expect(synth(stack)).toContain('GLID-025');
    return findingsIn(stack).filter((f) => f.ruleId === 'GLID-025').map((f) => [f.level, f.message]);
  }
  // The token, the platform it was planned for, the version that rotates to a lifetime and this one; the fix: policy.platform.
  test.each([
    ['without a platform', {}, []],
    ['for 17.9', { platform: { offering: 'self-managed', tier: 'premium', version: '17.9' } }, ['Premium', '17.9']],
  ] as const)('GIVEN checks on self-managed 17.8 WHEN an identity planned %s rotates its service-account token THEN GLID-025 says to plan it for the checks\' platform', (_, policy, planned) => {
    expect(checkedOn178(policy as IdentityPolicy)).toEqual([[
      'error', mentioning('gitlab_group_service_account_access_token', "'quality-mirror'", ...planned, '17.9', '17.8', 'policy.platform'),
    ]]);
  });
});

describe('overrides of a service-account token replaced on a schedule are judged', () => {
  function overridden(override: (token: TerraformResource, rotation: TerraformResource) => void) {
    const stack = checkedStack({ policy: { platform: { offering: 'self-managed', tier: 'premium', version: '17.8' } } });
    const identity = new AutomationIdentity(stack, 'bot', {
      owner: 'quality', purpose: 'mirror', runtime: Runtime.external(), reach: Reach.projects(['acme/app', 'acme/docs']), capabilities: [Capability.API_READ],
      policy: { platform: { offering: 'self-managed', tier: 'premium', version: '17.8' } },
    });
    override(identity.node.findChild('Token') as TerraformResource, identity.node.findChild('Rotation') as TerraformResource);
    synth(stack);
    return findingsIn(stack).filter((f) => f.level === 'error').map(({ ruleId, message }) => ({ ruleId, message }));
  }

  test('GIVEN a rotation_configuration added THEN GLID-021 and GLID-025 errors (the provider fails the plan before 17.9)', () => {
    const errors = overridden((token) => token.addOverride('rotation_configuration', { expiration_days: 90, rotate_before_days: 14 }));
    const TOKEN = ['gitlab_group_service_account_access_token', "'quality-mirror'"];
    // The attribute added, and what the plan does instead (a schedule).
    expect(errors).toContainEqual({ ruleId: 'GLID-021', message: mentioning(...TOKEN, 'rotation_configuration', 'schedule') });
    // The attribute, the version it needs and this one.
    expect(errors).toContainEqual({ ruleId: 'GLID-025', message: mentioning(...TOKEN, 'rotation_configuration.expiration_days', '17.9', '17.8') });
  });

  test('GIVEN expires_at moved 90 days past each roll-over THEN GLID-003 and GLID-021 errors', () => {
    const errors = overridden((token, rotation) => token.addOverride('expires_at',
      `\${formatdate("YYYY-MM-DD", timeadd(time_rotating.${(rotation as unknown as { friendlyUniqueId: string }).friendlyUniqueId}.rotation_rfc3339, "2160h"))}`));
    const TOKEN = ['gitlab_group_service_account_access_token', "'quality-mirror'"];
    // The days it lives, the schedule, and the policy's maximum.
    expect(errors).toContainEqual({ ruleId: 'GLID-003', message: mentioning(...TOKEN, '166', '76', '90', 'maxLifetimeDays') });
    // The days after each roll-over it expires, and the plan's.
    expect(errors).toContainEqual({ ruleId: 'GLID-021', message: mentioning(...TOKEN, '90', '14') });
  });

  test.each([
    ['rfc3339', '2099-01-01T00:00:00Z'],
    ['rotation_rfc3339', '2099-01-01T00:00:00Z'],
  ])('GIVEN the time_rotating\'s %s set THEN GLID-022: the schedule cannot be bounded', (attribute, value) => {
    const errors = overridden((_, rotation) => rotation.addOverride(attribute, value));
    expect(errors.filter((e) => e.ruleId === 'GLID-022')).not.toEqual([]);
  });
});

describe('hand-written service-account tokens on a GitLab before 17.9', () => {
  test('GIVEN rotation without expiration_days THEN only GLID-025\'s warning: each rotation lasts the provider\'s 7 days, which is known', () => {
    const stack = checkedStack({ policy: { platform: { offering: 'self-managed', tier: 'premium', version: '17.8' } } });
    serviceAccountToken(stack, 'token', { rotationConfiguration: { rotateBeforeDays: 3 } as never });
    synth(stack);
    // The token, the attribute it lacks, the 7 days each rotation then lasts, and the versions.
    expect(findingsIn(stack).map((f) => [f.ruleId, f.level, f.message])).toEqual([[
      'GLID-025', 'warning', mentioning('gitlab_group_service_account_access_token', "'team-service-bot'", 'expiration_days', '7', '17.9', '17.8'),
    ]]);
  });
});

describe('instance service accounts where the checks\' platform has none', () => {
  test.each([
    // The platform, and where instance service accounts exist: self-managed and Dedicated; Premium, Ultimate or 18.11 on Free.
    [{ offering: 'gitlab.com', tier: 'premium' }, ['GitLab.com Premium', 'self-managed', 'Dedicated']],
    [{ offering: 'self-managed', tier: 'free', version: '18.6' }, ['self-managed', 'Free', '18.6', 'Premium', 'Ultimate', '18.11']],
  ] as const)('GIVEN checks for %j THEN GLID-024 is an error', (platform, why) => {
    const stack = checkedStack({ policy: { platform } });
    new InstanceServiceAccount(stack, 'account', { name: 'team-sync', username: 'team-sync' });
    synth(stack);
    expect(findingsIn(stack).map((f) => [f.ruleId, f.level, f.message])).toEqual([['GLID-024', 'error', mentioning('gitlab_instance_service_account.account', ...why)]]);
  });
});
