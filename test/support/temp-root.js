// Jest global setup and teardown: every temporary folder the suite makes (its own mkdtemp calls, cdktf's
// `cdktf.outdir.*` for apps without an outdir, Terraform's working copies, child processes') goes under one
// folder, made before the workers start (they and their children inherit TMPDIR) and removed after the run,
// whether the tests passed or not.
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports.setup = async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-gitlab-identity-tests-'));
  process.env.GITLAB_IDENTITY_TEST_TMP = root;
  process.env.TMPDIR = root;
};

module.exports.teardown = async () => {
  const root = process.env.GITLAB_IDENTITY_TEST_TMP;
  if (root && path.basename(root).startsWith('cdktf-gitlab-identity-tests-')) fs.rmSync(root, { recursive: true, force: true });
};
