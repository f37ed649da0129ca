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
