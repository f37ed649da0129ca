/** Every temporary folder of the run is made under one folder that jest's global teardown removes (test/support/temp-root.js). */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

test('os.tmpdir() in a test is the run\'s own folder, so nothing is left in the system\'s', () => {
  expect(path.basename(os.tmpdir())).toMatch(/^cdktf-gitlab-identity-tests-/);
  expect(process.env.TMPDIR).toBe(os.tmpdir());
});

test('a second jest run in the same process (Stryker runs one per mutant) makes its folder under the real temporary folder', () => {
  // In a child process: jest gives a test its own copy of process.env, and os.tmpdir() reads the real one.
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'outside-'));
  const script = `
    const { setup, teardown } = require(${JSON.stringify(path.join(__dirname, '..', 'support', 'temp-root.js'))});
    const os = require('os');
    (async () => {
      const seen = [];
      for (let run = 0; run < 2; run++) {
        await setup();
        seen.push({ root: process.env.GITLAB_IDENTITY_TEST_TMP, tmpdir: os.tmpdir() });
        await teardown();
        seen.push({ after: process.env.TMPDIR });
      }
      console.log(JSON.stringify(seen));
    })();`;
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: outside };
  delete env.GITLAB_IDENTITY_TEST_TMP;
  delete env.GITLAB_IDENTITY_TEST_TMPDIR_BEFORE;
  const seen = JSON.parse(execFileSync(process.execPath, ['-e', script], { env, encoding: 'utf8' })) as { root?: string; tmpdir?: string; after?: string }[];
  const roots = [seen[0].root, seen[2].root] as string[];
  expect(roots.map((r) => path.dirname(r))).toEqual([outside, outside]);
  expect(roots[0]).not.toBe(roots[1]);
  expect([seen[0].tmpdir, seen[2].tmpdir]).toEqual(roots);
  expect([seen[1].after, seen[3].after]).toEqual([outside, outside]);
  expect(fs.readdirSync(outside)).toEqual([]);
});
