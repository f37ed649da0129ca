/**
 * Configurations Terraform would reject as cycles still get an answer, quickly: the engine never loops,
 * whatever references itself (locals, resources, modules, stacks reading each other's state).
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { TerraformConfig } from '../../../lib/core';
import { check, checkStacks } from './engine-fixture';

/**
 * Checks each config in one child process (one TypeScript start for all), so that a hang or an
 * out-of-memory crash fails the test instead of jest. Prints `ok <findings>` per config, in order.
 */
function checkInChild(configs: readonly unknown[], timeoutMs: number): { status: number | null; lines: string[]; signal: NodeJS.Signals | null } {
  const core = path.resolve(__dirname, '../../../lib/core');
  const script = `const { checkApp, DEFAULT_POLICY } = require(${JSON.stringify(core)});
    for (const config of ${JSON.stringify(configs)}) {
      const [r] = checkApp([{ name: 'team', config, policies: [DEFAULT_POLICY] }]);
      process.stdout.write('ok ' + r.findings.length + '\\n');
    }`;
  const child = spawnSync(process.execPath, ['--max-old-space-size=256', '-r', path.resolve(__dirname, '../../support/register-ts.js'), '-e', script], {
    cwd: path.resolve(__dirname, '../../..'), timeout: timeoutMs, encoding: 'utf8'
  });
  return { status: child.status, lines: (child.stdout ?? '').split('\n').filter((l) => l !== ''), signal: child.signal };
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

  // Was a bug, fixed: module references have no cycle guard (stack-model.ts resolveModule evaluates the whole module block on
  // every `module.x.*` read). A module whose inputs read its own output recurses to stack exhaustion, and every
  // level's fail-closed fallback re-resolves the same references: with two such reads the check runs for minutes
  // or dies out of memory (`a = "${module.m.o}${module.m.p}"` aborts node with "RegExpCompiler Allocation failed").
  // A merge request can stall or crash the CI check with three lines of JSON.
  // The first config is the control (one input): the harness itself works.
  test('given a module with one, then two inputs reading its own output, when checked in a child process, then each answers within 20 seconds', () => {
    const result = checkInChild([
      { module: { m: { source: './m', a: '${module.m.o}' } } },
      { module: { m: { source: './m', a: '${module.m.o}', b: '${module.m.o}' } } },
    ], 20_000);
    expect(result).toMatchObject({ status: 0 });
    expect(result.lines).toEqual([expect.stringMatching(/^ok \d+$/), expect.stringMatching(/^ok \d+$/)]);
  }, 30_000);

  // Was a bug, fixed (stack-model.ts instancesOf's cycle guard): a for_each or count that reads its own block
  // expanded again on every read, without end. The property test found it (properties.test.ts replays that
  // run). The last case is the value it generated, written out, so that the guard stays tested whatever
  // fast-check generates; without the guard it runs into the timeout. The others are the same reference in
  // well-formed expressions, which must answer too.
  test('given a token whose for_each or count reads its own token, when checked in a child process, then it answers within 20 seconds', () => {
    const token = (meta: Record<string, string>) => ({ resource: { gitlab_project_access_token: { t: {
      project: 'acme/app', name: 'team-bot', access_level: 'reporter', scopes: ['read_api'],
      rotation_configuration: { expiration_days: 30, rotate_before_days: 7 }, ...meta,
    } } } });
    const result = checkInChild([
      token({}),
      token({ for_each: '${toset([gitlab_project_access_token.t.token])}' }),
      token({ count: '${length(gitlab_project_access_token.t[*].token)}' }),
      // What the property test generated: a broken directive whose text names the token's own secret.
      token({ for_each: { k: 'count.index%{gitlab_project_access_token.t.token : data.x.y.z' } as unknown as string }),
    ], 20_000);
    expect(result).toMatchObject({ status: 0 });
    expect(result.lines).toEqual(Array(4).fill(expect.stringMatching(/^ok \d+$/)));
  }, 30_000);

  // Was a bug, fixed (stack-model.ts remoteOutput's guard): once a stack's own state was followed, an output reading
  // itself through that state (Terraform accepts it: the state holds the previous apply's value) was evaluated again
  // on every read; with two reads in one expression the check did not finish. The first config is the control.
  test('given an output that reads itself through its own stack\'s state, when checked in a child process, then it answers within 20 seconds', () => {
    const own = (output: Record<string, unknown>) => ({
      terraform: { backend: { local: { path: '/x/a.tfstate' } } },
      data: { terraform_remote_state: { r: { backend: 'local', config: { path: '/x/a.tfstate' } } } },
      resource: { gitlab_repository_file: { f: { project: 'acme/app', file_path: 'x', branch: 'main', content: '${data.terraform_remote_state.r.outputs.o}' } } },
      output,
    });
    const previous = '${data.terraform_remote_state.r.outputs.o == null ? "init" : data.terraform_remote_state.r.outputs.o}';
    const result = checkInChild([
      own({ o: { value: 'init' } }),
      own({ o: { value: previous } }),
      own({ o: { value: '${data.terraform_remote_state.r.outputs.b}' }, b: { value: '${[data.terraform_remote_state.r.outputs.o, data.terraform_remote_state.r.outputs.o]}' } }),
    ], 20_000);
    expect(result).toMatchObject({ status: 0 });
    expect(result.lines).toEqual(Array(3).fill('ok 0')); // no secret in this stack: nothing to report
  }, 30_000);
});
