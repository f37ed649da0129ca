/**
 * The README's TypeScript snippets, run as a reader would paste them: complete programs as they are,
 * fragments (no imports) after a prelude that declares what they name. Imports of the package resolve to
 * this checkout.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import * as gitlabProvider from '@cdktf/provider-gitlab/lib/provider';
import * as cdktf from 'cdktf';
import * as constructs from 'constructs';
import * as lib from '../../lib/public';
import * as core from '../../lib/core/public';

const ROOT = path.resolve(__dirname, '../..');

export interface Snippet {
  /** Line of the opening fence in README.md. */
  readonly line: number;
  readonly code: string;
}

/** Every ```ts block of a Markdown file. */
export function typescriptSnippets(file = path.join(ROOT, 'README.md')): Snippet[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const snippets: Snippet[] = [];
  let start = -1;
  lines.forEach((l, i) => {
    if (start < 0 && /^```ts\s*$/.test(l)) start = i;
    else if (start >= 0 && /^```\s*$/.test(l)) {
      snippets.push({ line: start + 1, code: lines.slice(start + 1, i).join('\n') });
      start = -1;
    }
  });
  return snippets;
}

/** What README fragments refer to without declaring: an app, a stack, a policy, an identity. */
const PRELUDE = `
import { App, Aspects, TerraformStack } from 'cdktf';
import { GitlabProvider } from '@cdktf/provider-gitlab/lib/provider';
import { AutomationIdentity, Capability, Delivery, IdentityPolicy, IdentityPolicyChecks, IdentitySuppressions, Reach, Runtime } from 'cdktf-gitlab-identity';
const app = new App();
const stack = new TerraformStack(app, 'readme');
new GitlabProvider(stack, 'gitlab', {});
const policy: IdentityPolicy = { maxLifetimeDays: 90 };
const dangerIdentity = new AutomationIdentity(stack, 'danger-review', {
  owner: 'eng-prod', purpose: 'danger-review', runtime: Runtime.ciPipeline('gitlab-org/gitlab'), reach: Reach.project('gitlab-org/gitlab'),
  capabilities: [Capability.API_TRIAGE],
  deliverTo: Delivery.ciVariable({ project: 'gitlab-org/gitlab', key: 'DANGER_GITLAB_API_TOKEN', protected: false }),
});
void Aspects; void IdentityPolicyChecks; void IdentitySuppressions; void policy; void dangerIdentity;
`;

/** The modules snippets may import; the package's own names resolve to this checkout. */
const MODULES: Record<string, unknown> = {
  'cdktf': cdktf,
  'constructs': constructs,
  '@cdktf/provider-gitlab/lib/provider': gitlabProvider,
  'cdktf-gitlab-identity': lib,
  'cdktf-gitlab-identity/core': core,
};

function packageRequire(name: string): unknown {
  if (!(name in MODULES)) throw new Error(`README snippet imports '${name}': add it to MODULES in test/support/readme-snippets.ts`);
  return MODULES[name];
}

/**
 * Runs a snippet (with the prelude if it is a fragment, and `app.synth()` if it declares an app but does not
 * synthesize) and returns the `cdk.tf.json` of every stack it wrote, by stack name.
 */
export function runSnippet(snippet: Snippet): Record<string, string> {
  const fragment = !/^import /m.test(snippet.code);
  let code = fragment ? `${PRELUDE}\n${snippet.code}` : snippet.code;
  if (/\bnew App\(/.test(code) && !/app\.synth\(\)/.test(code)) code += '\napp.synth();';
  const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-snippet-'));
  const saved = process.env.CDKTF_OUTDIR;
  process.env.CDKTF_OUTDIR = outdir; // where `new App()` writes: read by cdktf when the App is created
  try {
    const module = { exports: {} };
    new Function('require', 'exports', 'module', js)(packageRequire, module.exports, module);
    const stacksDir = path.join(outdir, 'stacks');
    if (!fs.existsSync(stacksDir)) return {};
    return Object.fromEntries(
      fs.readdirSync(stacksDir).sort().map((name) => [name, fs.readFileSync(path.join(stacksDir, name, 'cdk.tf.json'), 'utf8')]),
    );
  } finally {
    if (saved === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = saved;
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
