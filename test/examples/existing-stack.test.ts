/** The README's "Checking an existing stack": hand-written risky tokens fail synth, one message per problem. */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { buildExistingStack } from '../../examples/existing-stack';

function synthError(): string {
  const app = buildExistingStack(new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'legacy-')) }));
  try {
    app.synth();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('synth did not fail');
}

test('synth fails listing every error with its construct path and rule ID', () => {
  const lines = synthError().split('\n').map((l) => l.trim()).filter((l) => l.startsWith('['));
  expect(lines.map((l) => /^\[([^\]]+)\] (GLID-\d{3})/.exec(l)?.slice(1).join(' '))).toEqual([
    'legacy/gitlab-bot GLID-003',
    'legacy/gitlab-bot GLID-005',
    'legacy/gitlab-bot GLID-009',
    'legacy/bot-token GLID-013',
    'legacy/bot-token GLID-013',
    'legacy/bot-token-for-debugging GLID-012',
    'legacy/registry-pull GLID-001',
    'legacy/nightly GLID-002',
  ]);
});

test('each message says what is wrong and how to fix it', () => {
  expect(synthError()).toContain(
    "[legacy/gitlab-bot] GLID-005: gitlab_group_access_token 'GitLab Bot' sets no access_level, so it gets maintainer by default. Fix: Set access_level explicitly to the lowest role the automation needs (reporter for reading and triage).",
  );
});

test('run as the README shows, the example fails with the errors and leaves no stack behind', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'existing-stack-run-'));
  try {
    const root = path.join(__dirname, '../..');
    let failure = '';
    try {
      // As `ts-node --transpile-only` runs it, with the suite's faster transpiler (test/support/register-ts.js).
      execFileSync(process.execPath, ['--require', path.join(root, 'test/support/register-ts.js'), path.join(root, 'examples/existing-stack.ts')], {
        cwd: root, env: { ...process.env, CDKTF_OUTDIR: outdir }, stdio: 'pipe',
      });
    } catch (e) {
      failure = String((e as { stderr: Buffer }).stderr);
    }
    expect(failure).toContain('8 GitLab identity policy errors in 1 stack.');
    expect(fs.existsSync(path.join(outdir, 'stacks', 'legacy', 'cdk.tf.json'))).toBe(false);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
