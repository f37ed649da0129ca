/**
 * The core stays pure because lint says so: these tests feed ESLint code that breaks the rule and check it
 * is rejected, and code that keeps it and check it passes. If someone weakens eslint.config.mjs, this fails.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

interface Probe { readonly filePath: string; readonly code: string }

function lint(probes: readonly Probe[]): string[][] {
  const root = path.resolve(__dirname, '../..');
  const out = execFileSync(process.execPath, [path.join(__dirname, 'lint-probe.js'), JSON.stringify(probes)], { cwd: root, encoding: 'utf8' });
  return JSON.parse(out) as string[][];
}

const forbiddenInCore: [string, Probe][] = [
  ['cdktf', { filePath: 'lib/core/probe.ts', code: "import { App } from 'cdktf';\nexport const a = App;\n" }],
  ['constructs', { filePath: 'lib/core/probe.ts', code: "import { Construct } from 'constructs';\nexport const a = Construct;\n" }],
  ['the provider', { filePath: 'lib/core/probe.ts', code: "import { provider } from '@cdktf/provider-gitlab';\nexport const a = provider;\n" }],
  ['fs', { filePath: 'lib/core/probe.ts', code: "import * as fs from 'fs';\nexport const a = fs;\n" }],
  ['node:path', { filePath: 'lib/core/probe.ts', code: "import * as p from 'node:path';\nexport const a = p;\n" }],
  ['a sibling layer', { filePath: 'lib/core/probe.ts', code: "import { x } from '../constructs/x';\nexport const a = x;\n" }],
  ['a sibling layer from a subfolder', { filePath: 'lib/core/rules/probe.ts', code: "import { x } from '../../cli/x';\nexport const a = x;\n" }],
  ['the clock', { filePath: 'lib/core/probe.ts', code: 'export const a = Date.now();\n' }],
  ['a new Date', { filePath: 'lib/core/probe.ts', code: 'export const a = new Date();\n' }],
  ['randomness', { filePath: 'lib/core/probe.ts', code: 'export const a = Math.random();\n' }],
  ['the environment', { filePath: 'lib/core/probe.ts', code: 'export const a = process.env.HOME;\n' }],
];

const allowed: [string, Probe][] = [
  ['an import inside lib/core', { filePath: 'lib/core/probe.ts', code: "import { Capability } from './capability';\nexport const a = Capability;\n" }],
  ['a subfolder importing its parent in lib/core', { filePath: 'lib/core/rules/probe.ts', code: "import { errors } from '../errors';\nexport const a = errors;\n" }],
  ['cdktf outside the core', { filePath: 'lib/constructs/probe.ts', code: "import { App } from 'cdktf';\nexport const a = App;\n" }],
];

describe('lint keeps lib/core pure', () => {
  // One child process for all probes: ESLint start-up dominates the cost.
  const probes = [...forbiddenInCore, ...allowed, ['cdktf in a core test', { filePath: 'test/core/probe.test.ts', code: "import { App } from 'cdktf';\nexport const a = App;\n" }] as [string, Probe]];
  let results: string[][];
  beforeAll(() => {
    results = lint(probes.map(([, p]) => p));
  }, 60_000);

  test.each(forbiddenInCore.map(([name], i) => [name, i] as const))('rejects %s in lib/core', (_name, i) => {
    expect(results[i].some((id) => id.startsWith('no-restricted'))).toBe(true);
  });

  test.each(allowed.map(([name], i) => [name, forbiddenInCore.length + i] as const))('accepts %s', (_name, i) => {
    expect(results[i]).toEqual([]);
  });

  test('rejects cdktf in tests of the core', () => {
    expect(results[probes.length - 1]).toContain('no-restricted-imports');
  });
});
