/**
 * The package's entry points (package.json `exports`, `main`, `typesVersions`) are lib/public.ts and
 * lib/core/public.ts, which name the public API one by one: the library's internals are not importable from
 * either, and what the README and the examples use is.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as api from '../../lib/public';
import * as coreApi from '../../lib/core/public';

const ROOT = path.join(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  main: string; types: string; exports: Record<string, { types: string; default: string }>; typesVersions: Record<string, Record<string, string[]>>;
};

test('package.json points both entry points at the public modules', () => {
  expect([pkg.main, pkg.types]).toEqual(['dist/lib/public.js', 'dist/lib/public.d.ts']);
  expect(pkg.exports['.']).toEqual({ types: './dist/lib/public.d.ts', default: './dist/lib/public.js' });
  expect(pkg.exports['./core']).toEqual({ types: './dist/lib/core/public.d.ts', default: './dist/lib/core/public.js' });
  expect(pkg.typesVersions['*'].core).toEqual(['dist/lib/core/public.d.ts']);
});

test.each([
  'decide', 'DECISION_RULES', 'buildGrants', 'fail', 'errors', 'resolvePolicy', 'validateRequest', 'checkCredential', 'describeStack',
  'stackReports', 'IdentityStackSupport', 'STACK_SUPPORT_ID', 'formatValue', 'planOverlap', 'topLevelGroupsOf',
])('%s is internal: neither entry point exports it', (name) => {
  expect(name in api).toBe(false);
  expect(name in coreApi).toBe(false);
});

test('the core entry point holds no cdktf construct; the main one holds all of the core\'s', () => {
  expect('AutomationIdentity' in coreApi).toBe(false);
  for (const name of Object.keys(coreApi)) expect(name in api).toBe(true);
});

test('what the README\'s first example and the example app import is public', () => {
  for (const name of ['AutomationIdentity', 'Capability', 'Delivery', 'Reach', 'Runtime', 'IdentityPolicyChecks', 'IdentitySuppressions', 'planIdentity', 'isIdentityError', 'ErrorCode']) {
    expect(name in api).toBe(true);
  }
  for (const file of ['examples/organisation.ts', 'examples/existing-stack.ts']) {
    expect(fs.readFileSync(path.join(ROOT, file), 'utf8')).toMatch(/from '\.\.\/lib\/public'/);
  }
});
