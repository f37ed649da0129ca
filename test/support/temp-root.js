// Jest global setup and teardown: every temporary folder the suite makes (its own mkdtemp calls, cdktf's
// `cdktf.outdir.*` for apps without an outdir, Terraform's working copies, child processes') goes under one
// folder, made before the workers start (they and their children inherit TMPDIR) and removed after the run,
// whether the tests passed or not. Teardown gives TMPDIR back, so a process that runs jest again (Stryker's
// test runner does, once per mutant) makes its next root under the real temporary folder, not the removed one.
const fs = require('fs');
const os = require('os');
const path = require('path');

const BEFORE = 'GITLAB_IDENTITY_TEST_TMPDIR_BEFORE';

module.exports.setup = async () => {
  if (process.env[BEFORE] === undefined) process.env[BEFORE] = JSON.stringify(process.env.TMPDIR ?? null);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-gitlab-identity-tests-'));
  process.env.GITLAB_IDENTITY_TEST_TMP = root;
  process.env.TMPDIR = root;
};

module.exports.teardown = async () => {
  const root = process.env.GITLAB_IDENTITY_TEST_TMP;
  if (root && path.basename(root).startsWith('cdktf-gitlab-identity-tests-')) fs.rmSync(root, { recursive: true, force: true });
  if (process.env[BEFORE] === undefined) return;
  const before = JSON.parse(process.env[BEFORE]);
  if (before === null) delete process.env.TMPDIR;
  else process.env.TMPDIR = before;
  delete process.env[BEFORE];
  delete process.env.GITLAB_IDENTITY_TEST_TMP;
};
