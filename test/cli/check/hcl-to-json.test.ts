/**
 * HCL to Terraform's JSON syntax, judged by Terraform itself: each expression is written once in HCL and once
 * as the JSON the converter makes, and `terraform console` evaluates both. Equal values mean the engine reads
 * what Terraform will apply. Also: lines of blocks and attributes, and suppression comments.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ModuleBuilder } from '../../../lib/cli/check/module-builder';
import { withHclTree } from '../../../lib/cli/check/tree-sitter';
import { terraformVersion } from '../../support/terraform';

async function convert(source: string, file = 'main.tf'): Promise<ModuleBuilder> {
  const builder = new ModuleBuilder();
  await withHclTree(source, (root) => builder.addFile(file, root, source));
  return builder;
}

/** Expressions whose JSON form is easy to get wrong: escapes, templates, heredocs, collections, numbers. */
const EXPRESSIONS = [
  '"plain"',
  '"tab\\tquote\\"backslash\\\\ newline\\n"',
  '"\\u00e9t\\u00E9 \\U0001F600"',
  '"literal $${not_interpolated} and %%{not_a_directive}"',
  '"a-${local.base}-b"',
  '"${local.base}"',
  '"%{ if local.flag }yes%{ else }no%{ endif }"',
  '"%{ for s in local.list }[${s}]%{ endfor }"',
  '<<-EOT\n    indented ${local.base}\n      more\n    EOT',
  '<<EOT\n  kept as is\nEOT',
  '42', '-1.5', '1.5e3', '2.0E-2', '0.25', 'true', 'false', 'null',
  '["api", "read_api", local.base]',
  '{ access_level = "owner", "quoted key" = 1, nested = { scopes = ["api"] } }',
  '{ (local.base) = "computed key" }',
  '[for s in local.list : upper(s) if s != "b"]',
  '{ for k, v in local.map : k => v * 2 }',
  'local.flag ? "maintainer" : "reporter"',
  'lookup(local.map, "a", 0) + length(local.list)',
  'local.map["a"]',
  'try(local.map.nope, "fallback")',
  'merge(local.map, { c = 3 })',
  '!local.flag',
];

const PRELUDE = 'base = "x"\n  flag = true\n  list = ["a", "b"]\n  map = { a = 1, b = 2 }';

function consoleValue(dir: string, expression: string): string {
  const rc = path.join(dir, 'terraformrc');
  fs.writeFileSync(rc, '');
  return execFileSync('terraform', ['console'], {
    cwd: dir, input: `${expression}\n`, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: rc, TF_IN_AUTOMATION: '1' },
  }).trim();
}

describe('HCL expressions in the JSON syntax', () => {
  test('GIVEN tricky expressions WHEN converted THEN terraform console evaluates the JSON to the same values as the HCL', async () => {
    terraformVersion();
    const names = EXPRESSIONS.map((_, i) => `c${i}`);
    const hcl = `locals {\n  ${PRELUDE}\n${EXPRESSIONS.map((e, i) => `  ${names[i]} = ${e}`).join('\n')}\n}\n`;
    const builder = await convert(hcl);
    expect(builder.problems).toEqual([]);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hcl-json-'));
    try {
      fs.mkdirSync(path.join(tmp, 'hcl'));
      fs.mkdirSync(path.join(tmp, 'json'));
      fs.writeFileSync(path.join(tmp, 'hcl', 'main.tf'), hcl);
      fs.writeFileSync(path.join(tmp, 'json', 'main.tf.json'), JSON.stringify(builder.config(), null, 2));
      const all = `jsonencode([${names.map((n) => `local.${n}`).join(', ')}])`;
      const fromHcl = consoleValue(path.join(tmp, "hcl"), all);
      const fromJson = consoleValue(path.join(tmp, 'json'), all);
      expect(JSON.parse(JSON.parse(fromHcl) as string)).toHaveLength(EXPRESSIONS.length);
      expect(fromJson).toBe(fromHcl);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }, 60_000);

  test('GIVEN a literal WHEN converted THEN it is the JSON value itself, not an expression string', async () => {
    const { config } = { config: (await convert('locals {\n  a = "owner"\n  b = 60\n  c = ["api"]\n  d = { x = true }\n}\n')).config() };
    expect(config.locals).toEqual({ a: 'owner', b: 60, c: ['api'], d: { x: true } });
  });
});

describe('numbers a double does not hold', () => {
  test('GIVEN 9007199254740993 WHEN converted THEN it stays an expression, which the evaluator leaves unknown, and 2^53 stays a number', async () => {
    const config = (await convert('locals {\n  odd = 9007199254740993\n  even = 9007199254740992\n  tenth = 0.1\n}\n')).config();
    expect(config.locals).toEqual({ odd: '${9007199254740993}', even: 9007199254740992, tenth: 0.1 });
  });
});

describe('what the parser does not read', () => {
  test('GIVEN 1e3 (valid HCL that tree-sitter-hcl 1.2.0 does not read) WHEN converted THEN the problem says how to write it', async () => {
    const b = await convert('locals {\n  big = 1e3\n  next = 1\n}\n');
    expect(b.problems.map((p) => p.message)).toEqual([expect.stringContaining('such as 1e3: write 1000 or 1.0e3')]);
  });
});

describe('lines and comments', () => {
  const source = [
    '# a note that is not a suppression', //                                 1
    '', //                                                                    2
    '# gitlab-identity:ignore GLID-010 one group of three projects, reviewed', // 3
    'resource "gitlab_group_access_token" "t" {', //                          4
    '  group        = "acme"', //                                             5
    '  access_level = "owner"', //                                            6
    '  rotation_configuration {', //                                          7
    '    expiration_days = 60', //                                            8
    '  }', //                                                                 9
    '}', //                                                                   10
    'resource "gitlab_project_variable" "v" { # gitlab-identity:ignore GLID-014 merge-request pipelines read it', // 11
    '  key = "T"', //                                                         12
    '}', //                                                                   13
  ].join('\n');

  test('GIVEN HCL WHEN converted THEN each block and attribute has its line', async () => {
    const b = await convert(source);
    expect(b.places.get('gitlab_group_access_token.t')).toEqual({ file: 'main.tf', line: 4 });
    expect(b.places.get('gitlab_group_access_token.t\u0000access_level')).toEqual({ file: 'main.tf', line: 6 });
    expect(b.places.get('gitlab_group_access_token.t\u0000rotation_configuration.expiration_days')).toEqual({ file: 'main.tf', line: 8 });
    expect(b.places.get('gitlab_project_variable.v\u0000key')).toEqual({ file: 'main.tf', line: 12 });
  });

  test('GIVEN suppression comments above and on a block WHEN converted THEN they become its // comments; other comments do not', async () => {
    const resource = (await convert(source)).config().resource as Record<string, Record<string, Record<string, unknown>>>[];
    expect(resource[0].gitlab_group_access_token.t['//']).toEqual(['gitlab-identity:ignore GLID-010 one group of three projects, reviewed']);
    expect(resource[1].gitlab_project_variable.v['//']).toEqual(['gitlab-identity:ignore GLID-014 merge-request pipelines read it']);
  });

  test('GIVEN a suppression comment with another comment line between it and the block WHEN converted THEN it applies', async () => {
    const resource = (await convert('# gitlab-identity:ignore GLID-006 reviewed by the security team\n# ticket SEC-12\nresource "gitlab_project_access_token" "t" {\n}\n')).config().resource as Record<string, Record<string, Record<string, unknown>>>[];
    expect(resource[0].gitlab_project_access_token.t['//']).toEqual(['gitlab-identity:ignore GLID-006 reviewed by the security team']);
  });

  test('GIVEN a suppression comment separated from the block by a blank line WHEN converted THEN it does not apply', async () => {
    const resource = (await convert('# gitlab-identity:ignore GLID-006 reviewed by the security team\n\nresource "gitlab_project_access_token" "t" {\n}\n')).config().resource as Record<string, Record<string, Record<string, unknown>>>[];
    expect(resource[0].gitlab_project_access_token.t['//']).toBeUndefined();
  });
});
