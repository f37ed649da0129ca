/**
 * Configurations Terraform would reject as cycles still get an answer, quickly: the engine never loops,
 * whatever references itself (locals, resources, modules, stacks reading each other's state).
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { TerraformConfig } from '../../../lib/core';
import { check, checkStacks } from './engine-fixture';

/** Checks `config` in a child process, so that a hang or an out-of-memory crash fails the test instead of jest. */
function checkInChild(config: unknown, timeoutMs: number): { status: number | null; stdout: string; signal: NodeJS.Signals | null } {
  const core = path.resolve(__dirname, '../../../lib/core');
  const script = `const { checkApp, DEFAULT_POLICY } = require(${JSON.stringify(core)});
    const [r] = checkApp([{ name: 'team', config: ${JSON.stringify(config)}, policies: [DEFAULT_POLICY] }]);
    process.stdout.write('ok ' + r.findings.length);`;
  const child = spawnSync(process.execPath, ['--max-old-space-size=256', '-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: path.resolve(__dirname, '../../..'), timeout: timeoutMs, encoding: 'utf8', env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
  });
  return { status: child.status, stdout: child.stdout ?? '', signal: child.signal };
}

describe('self-references', () => {
  test('given a local chain that loops, when checked, then it ends', () => {
    const config = { locals: { a: '${local.b}', b: '${local.c}', c: '${local.a}' }, output: { o: { value: '${local.a}' } } } as TerraformConfig;
    expect(() => check(config)).not.toThrow();
  });

  test('given two resources whose attributes read each other, when checked, then it ends', () => {
    const config = { resource: { gitlab_project: { p: { name: 'p', description: '${gitlab_project.q.description}' }, q: { name: 'q', description: '${gitlab_project.p.description}' } } } } as TerraformConfig;
    expect(() => check(config)).not.toThrow();
  });

  test('given two modules whose inputs read each other\'s outputs, when checked, then it ends', () => {
    const config = { module: { m: { source: './m', a: '${module.n.o}' }, n: { source: './n', a: '${module.m.o}' } } } as TerraformConfig;
    expect(() => check(config)).not.toThrow();
  });

  test('given stacks that read each other\'s outputs through remote state, when checked, then it ends', () => {
    const reading = (own: string, other: string) => ({
      terraform: { backend: { local: { path: own } } },
      data: { terraform_remote_state: { r: { backend: 'local', config: { path: other } } } },
      output: { o: { value: '${data.terraform_remote_state.r.outputs.o}' } },
    }) as TerraformConfig;
    expect(() => checkStacks([{ name: 'one', config: reading('/1', '/2') }, { name: 'two', config: reading('/2', '/1') }])).not.toThrow();
  });

  test('given a module with one input reading its own output, when checked in a child process, then it answers', () => {
    // The control for the failing case below: the harness itself works.
    expect(checkInChild({ module: { m: { source: './m', a: '${module.m.o}' } } }, 60_000)).toMatchObject({ status: 0, stdout: expect.stringMatching(/^ok /) });
  }, 70_000);

  // Was a bug, fixed: module references have no cycle guard (stack-model.ts resolveModule evaluates the whole module block on
  // every `module.x.*` read). A module whose inputs read its own output recurses to stack exhaustion, and every
  // level's fail-closed fallback re-resolves the same references: with two such reads the check runs for minutes
  // or dies out of memory (`a = "${module.m.o}${module.m.p}"` aborts node with "RegExpCompiler Allocation failed").
  // A merge request can stall or crash the CI check with three lines of JSON.
  test('given a module with two inputs reading its own output, when checked, then it answers within 20 seconds', () => {
    expect(checkInChild({ module: { m: { source: './m', a: '${module.m.o}', b: '${module.m.o}' } } }, 20_000)).toMatchObject({ status: 0, stdout: expect.stringMatching(/^ok /) });
  }, 30_000);
});
