// `npm run test:package`: the package as a user gets it. Packs the tarball (prepack builds dist), checks what it
// holds and that every relative link of its README resolves inside it, then installs it in a fresh project with
// the tsconfig `cdktf init` writes (CommonJS, classic node resolution; without `charset`, which TypeScript 5.9
// refuses), type-checks an app that imports both
// entry points with string capabilities, and runs `gitlab-identity --version`. Peers and dependencies come from
// this repository's node_modules (linked), so it runs offline. Run by .ci/run after `npm test`.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const pkg = require(path.join(root, 'package.json'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'package-test-'));
const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

try {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const [packed] = JSON.parse(execFileSync(npm, ['pack', '--json', '--pack-destination', work], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] }).toString());
  const files = new Set(packed.files.map((f) => f.path));
  console.log(`packed ${packed.filename}: ${files.size} files, ${Math.round(packed.size / 1024)} KB`);
  for (const f of ['README.md', 'LICENSE', 'CHANGELOG.md', 'RULES.md', 'CONTRIBUTING.md', 'dist/lib/public.d.ts', 'dist/lib/core/public.d.ts', 'dist/lib/cli/bin.js']) {
    check(files.has(f), `the tarball holds ${f}`);
  }
  check(![...files].some((f) => f.startsWith('test/') && !f.startsWith('test/cli/check/fixtures/readme-sample/')), 'no tests in the tarball (but the README\'s sample)');

  // Every relative link of the shipped README resolves to a shipped file.
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const links = [...readme.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l));
  for (const link of [...new Set(links)]) check(files.has(link) || [...files].some((f) => f.startsWith(`${link}/`)), `README link ${link} is in the tarball`);

  // A fresh consumer, as `cdktf init` sets it up.
  const app = path.join(work, 'consumer');
  const modules = path.join(app, 'node_modules');
  fs.mkdirSync(modules, { recursive: true });
  execFileSync('tar', ['-xzf', path.join(work, packed.filename), '-C', work]);
  fs.renameSync(path.join(work, 'package'), path.join(modules, pkg.name));
  for (const dep of [...Object.keys(pkg.peerDependencies), ...Object.keys(pkg.dependencies), '@types/node']) {
    fs.mkdirSync(path.dirname(path.join(modules, dep)), { recursive: true });
    fs.symlinkSync(path.join(root, 'node_modules', dep), path.join(modules, dep), 'junction');
  }
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  fs.writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      alwaysStrict: true, declaration: true, experimentalDecorators: true, inlineSourceMap: true, inlineSources: true,
      lib: ['es2018'], module: 'CommonJS', noEmitOnError: true, noFallthroughCasesInSwitch: true, noImplicitAny: true, noImplicitReturns: true,
      noImplicitThis: true, noUnusedLocals: true, noUnusedParameters: true, resolveJsonModule: true, strict: true, strictNullChecks: true,
      strictPropertyInitialization: true, stripInternal: true, target: 'ES2018', incremental: true, skipLibCheck: true,
    },
    include: ['**/*.ts'],
    exclude: ['node_modules', 'cdktf.out'],
  }));
  fs.writeFileSync(path.join(app, 'main.ts'), `
import { App, TerraformStack } from 'cdktf';
import { GitlabProvider } from '@cdktf/provider-gitlab/lib/provider';
import { AutomationIdentity, Delivery, Reach, Runtime } from '${pkg.name}';
import { planIdentity } from '${pkg.name}/core';

const app = new App();
const stack = new TerraformStack(app, 'quality');
new GitlabProvider(stack, 'gitlab', {});
const bot = new AutomationIdentity(stack, 'triage', {
  owner: 'quality', purpose: 'triage', runtime: Runtime.external(), reach: Reach.project('acme/app'),
  capabilities: ['api:triage'], accessLevel: 'reporter', overlap: true,
  deliverTo: Delivery.ciVariable({ project: 'acme/ops', key: 'TRIAGE_TOKEN' }),
});
const plan = planIdentity({ owner: 'quality', purpose: 'pull', runtime: Runtime.external(), reach: Reach.project('acme/app'), capabilities: ['container-registry:read'] });
console.log(bot.plan.kind, plan.kind);
app.synth();
`);
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  let compiled = true;
  try {
    execFileSync(process.execPath, [tsc, '-p', app, '--noEmit'], { stdio: 'pipe' });
  } catch (e) {
    compiled = false;
    console.log(`${e.stdout}${e.stderr}`);
  }
  check(compiled, 'an app importing both entry points with string capabilities type-checks under cdktf init\'s tsconfig');
  // Internals are not importable from either entry point.
  fs.writeFileSync(path.join(app, 'main.ts'), `import { decide } from '${pkg.name}';\nimport { buildGrants } from '${pkg.name}/core';\nvoid decide; void buildGrants;\n`);
  let refused = '';
  try {
    execFileSync(process.execPath, [tsc, '-p', app, '--noEmit'], { stdio: 'pipe' });
  } catch (e) {
    refused = `${e.stdout}`;
  }
  check(/has no exported member 'decide'/.test(refused) && /has no exported member 'buildGrants'/.test(refused), 'internals (decide, buildGrants) are not importable from either entry point');
  const version = execFileSync(process.execPath, [path.join(modules, pkg.name, 'dist/lib/cli/bin.js'), '--version']).toString().trim();
  check(version === pkg.version, `gitlab-identity --version prints ${pkg.version} (got '${version}')`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
if (failures.length > 0) {
  console.error(`test:package: ${failures.length} check(s) failed`);
  process.exit(1);
}
console.log('test:package: the package works as a user installs it');
