/** Totality: whatever string arrives, evaluation returns a Value and never throws. */
import fc from 'fast-check';
import { runs } from '../../../support/property-runs';
import { deepTaint, evaluateJson, evaluateTemplate, traversalsIn, Value } from '../../../../lib/core/engine/expression';
import { fixtureScope, SECRET } from './fixture';

const scope = fixtureScope({ locals: { s: '${gitlab_project_access_token.t.token}', l: ['a', '${local.s}'] }, vars: { x: 'v' } });

const isValue = (v: Value): boolean => typeof v === 'object' && v !== null && typeof v.type === 'string' && Array.isArray(v.taint);

// Fragments of the language, so random strings reach deep into the parser rather than failing at once.
const fragment = fc.constantFrom(
  '${', '}', '%{', '$${', '%%{', '~', '"', '\\', '[', ']', '(', ')', '{', '=', ':', ',', '.', '*', '...', '?', '=>', '!', '-', '+', '==',
  'local.s', 'local.l', 'var.x', 'gitlab_project_access_token.t.token', 'data.a.b.c', 'for v in ', ' if ', 'endif', 'endfor', 'else',
  'lookup(', 'jsonencode(', 'try(', 'sha256(', '1', '0.5', 'true', 'null', '"a"', ' ', '\n', '#', '/*', '<<EOT', '[*]', '.*', '.0',
);

test('random strings', () => {
  fc.assert(fc.property(fc.string(), (s) => isValue(evaluateTemplate(s, scope))), { numRuns: runs(500) });
});

test('random strings containing ${', () => {
  fc.assert(fc.property(fc.string(), fc.string(), (a, b) => isValue(evaluateTemplate(`${a}\${${b}`, scope))), { numRuns: runs(500) });
});

test('random sequences of language fragments', () => {
  fc.assert(
    fc.property(fc.array(fragment, { maxLength: 30 }), (parts) => {
      const text = parts.join('');
      return isValue(evaluateTemplate(text, scope)) && Array.isArray(traversalsIn(text));
    }),
    { numRuns: runs(1500) },
  );
});

// Without comments and directives, which can legitimately hide an interpolation (`%{ if false }`).
const plainFragment = fragment.filter((f) => !['#', '/*', '%{', ' if ', 'else', 'endif', 'endfor'].includes(f));

test('a template that mentions the secret is tainted, whatever surrounds it', () => {
  fc.assert(
    fc.property(fc.array(plainFragment, { maxLength: 8 }), fc.array(plainFragment, { maxLength: 8 }), (before, after) => {
      // The secret as a whole interpolation inside arbitrary text: either it parses (and flows) or the
      // fallback scan finds it. Broken neighbours must not hide it.
      const text = `${before.join('')} \${gitlab_project_access_token.t.token} ${after.join('')}`;
      return deepTaint(evaluateTemplate(text, scope)).includes(SECRET);
    }),
    { numRuns: runs(1000) },
  );
});

test('random JSON', () => {
  fc.assert(fc.property(fc.jsonValue(), (j) => isValue(evaluateJson(j, scope))), { numRuns: runs(300) });
});

describe('the fast path for a whole reference (`${a.b.c}`, not lexed or parsed)', () => {
  const rich = fixtureScope({
    locals: { s: '${gitlab_project_access_token.t.token}', o: { a: { b: '${gitlab_project_access_token.t.token}' }, n: 'plain' } },
    vars: { x: 'v' },
  });
  const name = fc.constantFrom('local', 'var', 'data', 'module', 'gitlab_project_access_token', 'self', 'each', 'count', 'terraform', 'path', 'unknown_root', 'o', 's', 'a', 'b', 'n', 't', 'token', 'x', 'id', 'name-with-dash', '_u');

  test('gives the same value, reason and taint as the parsed expression it stands for', () => {
    fc.assert(fc.property(name, fc.array(name, { minLength: 1, maxLength: 4 }), (root, steps) => {
      const path = [root, ...steps].join('.');
      // Parenthesized, the same reference is not a whole simple reference: it goes through the parser.
      expect(evaluateTemplate(`\${${path}}`, rich)).toEqual(evaluateTemplate(`\${(${path})}`, rich));
    }), { numRuns: runs(1500) });
  });

  test('a reference to the secret is tainted with it', () => {
    expect(deepTaint(evaluateTemplate('${local.o.a.b}', rich))).toEqual([SECRET]);
    expect(deepTaint(evaluateTemplate('${gitlab_project_access_token.t.token}', rich))).toEqual([SECRET]);
  });
});
