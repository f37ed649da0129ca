/** Every temporary folder of the run is made under one folder that jest's global teardown removes (test/support/temp-root.js). */
import * as os from 'os';
import * as path from 'path';

test('os.tmpdir() in a test is the run\'s own folder, so nothing is left in the system\'s', () => {
  expect(path.basename(os.tmpdir())).toMatch(/^cdktf-gitlab-identity-tests-/);
  expect(process.env.TMPDIR).toBe(os.tmpdir());
});
