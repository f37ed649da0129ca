/**
 * The report samples in the README's "Checking plain Terraform" are what `gitlab-identity check` prints for
 * the sample fixture, byte for byte (SARIF: the result and rule shown), so the documentation cannot drift
 * from the tool.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runCliAsync } from '../../lib/cli/program';

const ROOT = path.resolve(__dirname, '../..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const FIXTURE = 'test/cli/check/fixtures/readme-sample';

/** The fenced block after `<!-- check-sample:<format> -->`, with its final newline. */
function sample(format: string): string {
  const m = new RegExp(`<!-- check-sample:${format} -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\`\`\`\\n`).exec(README);
  if (!m) throw new Error(`README has no check-sample:${format}`);
  return m[1];
}

async function report(format: string): Promise<string> {
  let out = '';
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const status = await runCliAsync(['check', FIXTURE, '--format', format], { out: (t) => { out += t; }, err: () => undefined });
    expect(status).toBe(2);
  } finally {
    process.chdir(cwd);
  }
  return out;
}

describe('README check samples', () => {
  test.each(['text', 'codequality', 'junit', 'json'])('GIVEN the %s sample WHEN compared with check THEN they are the same bytes', async (format) => {
    expect(sample(format)).toBe(await report(format));
  });

  test('GIVEN the SARIF sample WHEN compared with check THEN the result and its rule are the report\'s', async () => {
    const run = (JSON.parse(await report('sarif')) as { runs: { results: unknown[]; tool: { driver: { rules: { id: string }[] } } }[] }).runs[0];
    const shown = JSON.parse(sample('sarif')) as { result: unknown; rule: { id: string } };
    expect(shown.result).toEqual(run.results[0]);
    expect(shown.rule).toEqual(run.tool.driver.rules.find((r) => r.id === shown.rule.id));
  });
});
