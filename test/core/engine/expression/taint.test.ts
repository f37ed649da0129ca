/** Secret flow: a token must stay tainted through every way Terraform can move a value. */
import { deepTaint, EvalScope, evaluateTemplate, object, str, toJson, tuple, Value } from '../../../../lib/core/engine/expression';
import { fixtureScope, SECRET } from './fixture';

const scope = fixtureScope({
  locals: {
    a: '${local.b}',
    b: '${local.c}',
    c: '${local.d}',
    d: '${local.e}',
    e: '${local.f}',
    f: '${gitlab_project_access_token.t.token}',
    bag: '${{ t = gitlab_project_access_token.t.token, id = gitlab_project_access_token.t.id }}',
    list: ['${gitlab_project_access_token.t.token}', 'plain'],
    name: '${gitlab_project_access_token.t.name}',
    key: 'token',
    level: '${"owner"}',
  },
  vars: { x: 'developer', scopes: ['api'] },
});

const ev = (text: string): Value => evaluateTemplate(text, scope);
const tainted = (text: string): boolean => deepTaint(ev(text)).includes(SECRET);

describe('the token reaches the value through', () => {
  test.each([
    ['a direct reference', '${gitlab_project_access_token.t.token}'],
    ['six locals', '${local.a}'],
    ['lookup()', '${lookup(gitlab_project_access_token.t, "token")}'],
    ['lookup() with a default', '${lookup(gitlab_project_access_token.t, "token", "none")}'],
    ['indexing a parenthesised resource', '${(gitlab_project_access_token.t)["token"]}'],
    ['a string index', '${gitlab_project_access_token.t["token"]}'],
    ['an index key from a local', '${gitlab_project_access_token.t[local.key]}'],
    ['an attribute of a local object', '${local.bag.t}'],
    ['a local list element', '${local.list[0]}'],
    ['a for expression', '${[for x in [gitlab_project_access_token.t] : x.token]}'],
    ['an object for expression', '${{for k, v in local.bag : k => v}}'],
    ['a full splat', '${gitlab_project_access_token.t[*].token}'],
    ['a legacy splat', '${gitlab_project_access_token.t.*.token}'],
    ['a multi-part template', 'prefix-${gitlab_project_access_token.t.token}'],
    ['jsonencode()', '${jsonencode({a = gitlab_project_access_token.t.token})}'],
    ['an unevaluated function (sha256)', '${sha256(gitlab_project_access_token.t.token)}'],
    ['an unevaluated function of a local', '${sha256(local.a)}'],
    ['a conditional branch', '${true ? local.f : "x"}'],
    ['a conditional on a secret', '${local.f == "x" ? "yes" : "no"}'],
    ['try()', '${try(local.bag.missing, local.bag.t)}'],
    ['coalesce()', '${coalesce("", local.f)}'],
    ['merge() then attribute', '${merge(local.bag, {x = 1}).t}'],
    ['concat() then element()', '${element(concat(["a"], local.list), 1)}'],
    ['values()', '${values(local.bag)}'],
    ['flatten()', '${flatten([local.list])}'],
    ['upper()', '${upper(local.f)}'],
    ['format()', '${format("%s", local.f)}'],
    ['join()', '${join(",", local.list)}'],
    ['base64encode()', '${base64encode(local.f)}'],
    ['jsondecode(jsonencode()) then attribute', '${jsondecode(jsonencode(local.bag)).t}'],
    ['nonsensitive()', '${nonsensitive(local.f)}'],
    ['spread arguments', '${concat(local.list...)}'],
    ['a template directive', '%{ for v in local.list }${v}%{ endfor }'],
    ['a template if on the secret', '%{ if local.f != "" }set%{ endif }'],
    ['an unknown collection in a for expression', '${[for v in data.x.y.list : local.f]}'],
    ['an unknown condition', '${data.x.y.flag ? local.f : "x"}'],
    ['an unknown key', '${local.bag[data.x.y.k]}'],
    ['zipmap()', '${zipmap(["k"], [local.f]).k}'],
    ['one()', '${one([local.f])}'],
  ])('%s', (_name, text) => {
    expect(tainted(text)).toBe(true);
  });
});

describe('values that never read the token stay clean', () => {
  test.each([
    ['a sibling attribute', '${gitlab_project_access_token.t.id}'],
    ['a sibling via lookup()', '${lookup(gitlab_project_access_token.t, "id")}'],
    ['a sibling in a local object', '${local.bag.id}'],
    ['a sibling through a local', '${local.name}'],
    ['another list element', '${local.list[1]}'],
    ['a splat over a sibling', '${gitlab_project_access_token.t[*].id}'],
    ['a for expression over a sibling', '${[for x in [gitlab_project_access_token.t] : x.id]}'],
    ['the branch not taken', '${false ? local.f : "x"}'],
    ['a constant', '${"owner"}'],
    ['a variable default', '${var.x}'],
    ['keys()', '${keys(local.bag)}'],
    ['a try() whose first argument fails', '${try(local.bag.missing, "d")}'],
  ])('%s', (_name, text) => {
    expect(deepTaint(ev(text))).toEqual([]);
  });
});

test('privilege attributes resolve through locals and variable defaults', () => {
  expect(toJson(ev('${local.level}'))).toBe('owner');
  expect(toJson(ev('${var.x}'))).toBe('developer');
  expect(toJson(ev('${concat(var.scopes, ["sudo"])}'))).toEqual(['api', 'sudo']);
  expect(toJson(ev('${local.a}'))).toBe('glpat-xyz');
});

test('indexing adds the container taint to the element', () => {
  const v = ev('${local.list}');
  expect(v.type).toBe('tuple');
  expect(v.taint).toEqual([]);
  expect(deepTaint(v)).toEqual([SECRET]);
  const bag = ev('${local.bag}');
  expect(bag.type === 'object' && bag.attrs.get('t')?.taint).toEqual([SECRET]);
});

describe('a container tainted as a whole taints what is taken out of it', () => {
  // E.g. a whole resource object marked secret: its elements carry no taint of their own.
  const wholly: EvalScope = {
    resolve: (root, steps) => (root === 'local' && steps[0] === 'l'
      ? { value: tuple([str('a'), object({ k: str('b') })], ['S']), used: 1 }
      : { value: object({ k: str('b') }, ['S']), used: steps.length > 0 ? 1 : 0 }),
  };
  test.each([
    '${local.l[0]}',
    '${local.l[1].k}',
    '${local.l[*].k}',
    '${[for v in local.l : v][0]}',
    '${element(local.l, 0)}',
    '${lookup(local.m, "k")}',
    '${local.m["k"]}',
    '${local.m.k}',
    '${values(local.m)[0]}',
    '${one([local.m])}',
    '${[for k, v in local.m : v][0]}',
    '${concat(local.l, [])[0]}',
    '%{ for v in local.l }${v}%{ endfor }',
  ])('%s', (text) => {
    expect(deepTaint(evaluateTemplate(text, wholly))).toEqual(['S']);
  });
});
