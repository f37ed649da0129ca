/**
 * The benchmark compares like with like: the hand-written variant declares the same resources, of the
 * same types, in the same numbers, as AutomationIdentity renders for the workload.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { buildWorkload, Variant } from '../../bench/workload';
import { TerraformConfig, expectTerraformLoads } from '../support/terraform';

const written = new Map<Variant, TerraformConfig[]>();

function resourceCounts(variant: Variant, n: number): Record<string, number> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `workload-${variant}-`));
  buildWorkload(new App({ outdir }), n, variant, n / 2).synth();
  const counts: Record<string, number> = {};
  const configs: TerraformConfig[] = [];
  for (const stack of fs.readdirSync(path.join(outdir, 'stacks'))) {
    const text = fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8');
    configs.push({ label: `${variant} ${stack}`, json: text });
    const json = JSON.parse(text) as Record<string, Record<string, object>>;
    for (const section of ['resource', 'data', 'provider'] as const) {
      for (const [type, items] of Object.entries(json[section] ?? {})) {
        counts[`${section}.${type}`] = (counts[`${section}.${type}`] ?? 0) + Object.keys(items).length;
      }
    }
  }
  written.set(variant, configs);
  fs.rmSync(outdir, { recursive: true, force: true });
  return counts;
}

test('both variants synthesize the same resource types in the same numbers (all eight kinds, two stacks)', () => {
  const identity = resourceCounts('identity', 16);
  expect(resourceCounts('raw', 16)).toEqual(identity);
  expect(Object.keys(identity).filter((k) => k.startsWith('resource.')).sort()).toEqual([
    'resource.gitlab_group_access_token', 'resource.gitlab_group_deploy_token', 'resource.gitlab_group_service_account',
    'resource.gitlab_group_service_account_access_token', 'resource.gitlab_personal_access_token', 'resource.gitlab_pipeline_trigger',
    'resource.gitlab_project_access_token', 'resource.gitlab_project_deploy_token', 'resource.gitlab_project_job_token_scope',
    'resource.gitlab_project_membership', 'resource.gitlab_project_variable', 'resource.terraform_data', 'resource.time_rotating',
  ]);
}, 60_000);

test('both variants write Terraform that loads (the hand-written one names its renewal by plain address too)', async () => {
  await expectTerraformLoads([...(written.get('identity') ?? []), ...(written.get('raw') ?? [])]);
  expect(written.get('raw')).toHaveLength(2);
}, 60_000);

/** Each resource type's arguments, and its lifecycle's, as written: what a hand-writer of the same resources writes too. */
function shapes(variant: Variant): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const { json } of written.get(variant) ?? []) {
    const resources = ((typeof json === 'string' ? JSON.parse(json) : json) as { resource: Record<string, Record<string, Record<string, unknown>>> }).resource;
    for (const [type, items] of Object.entries(resources)) {
      for (const body of Object.values(items)) {
        const lifecycle = (body.lifecycle ?? {}) as Record<string, unknown[]>;
        const keys = [...Object.keys(body).filter((k) => k !== '//'), ...Object.keys(lifecycle).map((k) => `lifecycle.${k}`),
          ...(lifecycle.postcondition ?? []).flatMap((p) => Object.keys(p as object).map((k) => `lifecycle.postcondition.${k}`))];
        (out[type] ??= new Set()).add(keys.sort().join(','));
      }
    }
  }
  return Object.fromEntries(Object.entries(out).map(([type, set]) => [type, [...set].sort()]));
}

test('both variants write the same arguments and lifecycle blocks for each resource type (postconditions included)', () => {
  const identity = shapes('identity');
  expect(shapes('raw')).toEqual(identity);
  expect(identity.gitlab_project_deploy_token.join()).toContain('lifecycle.postcondition.condition');
  expect(identity.gitlab_project_access_token.join()).toContain('lifecycle.ignore_changes');
});
