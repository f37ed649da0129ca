/**
 * Why tokens on a schedule are replaced through a terraform_data (lib/constructs/render/rotation.ts): when a
 * time_rotating expires, its provider removes it from state on refresh and Terraform plans a create, and a
 * create does not fire `replace_triggered_by`. Shown offline with Terraform's built-in terraform_data standing in
 * for the time_rotating (`terraform state rm` does what the expired time_rotating's refresh does): a resource
 * naming it directly is left alone, one naming a terraform_data replaced with its value is replaced.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { terraformVersion } from '../support/terraform';

test('replace_triggered_by fires through a terraform_data replaced with the schedule, not on the schedule itself', () => {
  terraformVersion();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-replace-'));
  try {
    fs.writeFileSync(path.join(dir, 'rc'), '');
    fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({
      resource: {
        terraform_data: {
          schedule: { input: 'the time_rotating' },
          renewal: { triggers_replace: { rotation: '${terraform_data.schedule.id}' } },
          direct: { lifecycle: { replace_triggered_by: ['terraform_data.schedule'], create_before_destroy: true } },
          through_renewal: { lifecycle: { replace_triggered_by: ['terraform_data.renewal'], create_before_destroy: true } },
        },
      },
    }));
    const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: path.join(dir, 'rc'), TF_IN_AUTOMATION: '1' };
    const tf = (...args: string[]) => execFileSync('terraform', [...args, '-no-color'], { cwd: dir, env, stdio: 'pipe', timeout: 60_000 }).toString();
    tf('init', '-input=false');
    tf('apply', '-auto-approve', '-input=false');
    tf('state', 'rm', 'terraform_data.schedule');
    tf('plan', '-input=false', '-out=plan');
    const plan = JSON.parse(tf('show', '-json', 'plan')) as { resource_changes: { address: string; change: { actions: string[] } }[] };
    const actions = Object.fromEntries(plan.resource_changes.map((c) => [c.address, c.change.actions.join('+')]));
    expect(actions).toEqual({
      'terraform_data.schedule': 'create',
      'terraform_data.renewal': 'create+delete',
      'terraform_data.direct': 'no-op',
      'terraform_data.through_renewal': 'create+delete',
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
