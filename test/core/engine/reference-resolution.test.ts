/**
 * How a reference in an expression is resolved: `each`/`count` inside and outside an instance, `self`,
 * `path.*`/`terraform.*`, locals, variables, data sources, cross-stack outputs, module outputs and resources
 * with count/for_each. A reference that cannot be known at synth is an
 * unknown whose reason GLID-022 prints (`cannot verify access_level: local.x is not declared`) and whose
 * reference it lists when only part of a value is unknown (`part of it is computed at apply (local.x)`).
 * A reference followed by more steps (`local.m["k"]`, `data.x.y.attr`, `gitlab_project_access_token.t[0].name`)
 * gives the value of the whole path, not of a part of it read twice.
 *
 * GIVEN a token whose access_level, scopes or name read a reference WHEN checked THEN the value judged, or
 * the reason it cannot be known.
 *
 * `Kills L:C` comments name the mutants each test was written against: line:column in lib/core/engine as of
 * commit 2ea751f, the code of the first engine-model mutation run (the lines have moved since).
 */
import { checkApp, StackReport, TerraformConfig } from '../../../lib/core';
import { DEFAULT_POLICY, resolvePolicy } from '../../../lib/core/policy';
import { active, check, checkStacks, compliantToken, credential, messages, stack } from './engine-fixture';
import { TokenCredential } from '../../../lib/core/rules/credential';
import { mentioning } from '../../support/mentioning';

const T = 'gitlab_project_access_token.t';

/** A token as described. */
const tokenOf = (report: StackReport, address: string): TokenCredential => credential(report, address) as TokenCredential;
const tokenT = (report: StackReport): TokenCredential => tokenOf(report, T);

type Parts = Record<string, unknown> & { resource?: Record<string, Record<string, unknown>> };

/** A stack with token t (compliant, but for `token`) and whatever else the case needs; other tokens go in parts.resource. */
function tokenStack(token: Record<string, unknown>, parts: Parts = {}): TerraformConfig {
  const resource = parts.resource ?? {};
  return stack({ ...parts, resource: { ...resource, gitlab_project_access_token: { ...resource.gitlab_project_access_token, t: compliantToken(token) } } });
}

/** The GLID-022 messages of a stack whose token t reads `level` as its access_level. */
function accessLevelReasons(level: string, parts: Parts = {}): string[] {
  return messages(check(tokenStack({ access_level: level }, parts)), 'GLID-022');
}

/** The GLID-022 messages of a stack whose token t has one scope, `scope`: an unknown element is named by its reference. */
function scopeReasons(scope: string, parts: Parts = {}): string[] {
  // The token's own: a module the app does not hold is GLID-022 on its source too (not what is read here).
  return messages(check(tokenStack({ scopes: [scope] }, parts)), 'GLID-022').filter((m) => !m.includes('cannot verify source'));
}

/** The access level of token t as described (known with its value, or unknown with the reason). */
function accessLevel(level: string, parts: Parts = {}): unknown {
  return tokenT(check(tokenStack({ access_level: level }, parts))).accessLevel;
}

const DEVELOPER = { known: true, value: 'developer' };

describe('references without a name', () => {
  // Kills 376:99 and 378:102 (the reasons emptied).
  test('given local[0] or var[0], when checked, then GLID-022 says the reference has no name', () => {
    expect(accessLevelReasons('${local[0]}')).toEqual([mentioning('cannot verify access_level', 'local without a name')]);
    expect(accessLevelReasons('${var[0]}')).toEqual([mentioning('cannot verify access_level', 'var without a name')]);
  });

  // Kills 401:13 (it would read the block "foo.0") and 401:63 (the reason emptied).
  test('given foo[0], a root the checks do not know, when checked, then GLID-022 says so', () => {
    expect(accessLevelReasons('${foo[0]}')).toEqual([mentioning('cannot verify access_level', 'foo is not a reference the checks know')]);
  });

  // Kills 401:109: without its own reference the unknown would be named after the whole path, foo[0].
  test('given foo[0] as a scope, when checked, then the scope list names the root foo', () => {
    expect(scopeReasons('${foo[0]}')).toEqual([mentioning('cannot verify scopes', 'computed at apply (foo)')]);
  });
});

describe('each and count where there is no instance', () => {
  // Kills 384:33 and 387:32 (reading an iteration the block has not: "could not resolve"), 385:33 and 389:33 (reasons emptied).
  test('given each.key or count.index in a token without count/for_each, when checked, then GLID-022 says it is known per instance', () => {
    expect(accessLevelReasons('${each.key}')).toEqual([mentioning('cannot verify access_level', 'each is known per instance at plan')]);
    expect(accessLevelReasons('${count.index}')).toEqual([mentioning('cannot verify access_level', 'count is known per instance at plan')]);
  });

  // Kills 384:33 and 387:32 (any attribute of each/count read as the instance's key or value).
  test('given each.values or count.indexes (typos) in an instance, when checked, then they are not the key or value: GLID-022', () => {
    const bots = { for_each: { a: 'developer' }, name: 'team-${each.key}' };
    const copies = { count: 1, name: 'team-${count.index}' };
    for (const [instance, level, address] of [[bots, '${each.values}', `${T}["a"]`], [copies, '${count.indexes}', `${T}[0]`]] as const) {
      const report = check(tokenStack({ ...instance, access_level: level }));
      expect(tokenOf(report, address).accessLevel).toEqual({ known: false, expression: mentioning('is known per instance at plan') });
    }
  });

  // Kills 385:75 and 389:75 (the reference emptied: "(unknown)"), 385:97 (steps joined without dots: each.valuescope).
  test('given each.value.scope or count.index as a scope, when checked, then the scope list names the reference', () => {
    expect(scopeReasons('${each.value.scope}')).toEqual([mentioning('computed at apply (each.value.scope)')]);
    expect(scopeReasons('${count.index}')).toEqual([mentioning('computed at apply (count.index)')]);
  });

  // Kills 385:141 and 389:141 (an output has no block: a made-up secret instead of none) and 417:35 (the same
  // for a block without count/for_each).
  test('given each.key and count.index in an output and in a file, when checked, then no secret is made up', () => {
    const report = check(tokenStack({}, {
      output: { o: { value: '${each.key}-${count.index}' } },
      resource: { gitlab_repository_file: { f: { project: 'acme/app', file_path: 'x', branch: 'main', content: '${each.key}-${count.index}' } } },
    }));
    expect(credential(report, 'output.o')).toMatchObject({ holdsToken: false, tokenAddresses: [] });
    expect(active(report, 'GLID-012')).toEqual([]);
    expect(active(report, 'GLID-023')).toEqual([]);
  });

  // Kills 416:20 (for_each && count: no source), 417:12 (the source ignored, or read only when absent).
  // nonsensitive(): Terraform refuses a sensitive value in for_each, but not a token made nonsensitive.
  test('given a file whose for_each is computed from a token, when its content writes each.value, then GLID-023 names the token', () => {
    const report = check(tokenStack({}, {
      resource: { gitlab_repository_file: { f: { for_each: `\${toset([nonsensitive(${T}.token)])}`, project: 'acme/app', file_path: 'x', branch: 'main', content: '${each.value}' } } },
    }));
    expect(messages(report, 'GLID-023')).toEqual([mentioning('gitlab_repository_file.f.content', T)]);
  });
});

describe('self, path and terraform', () => {
  const SELF = { locals: { who: '${self.name}' } };

  // Kills 396:33 (the reason emptied).
  test('given self read in a local, outside any block, when checked, then GLID-022 says self is outside a block', () => {
    expect(accessLevelReasons('${local.who}', SELF)).toEqual([mentioning('cannot verify access_level', 'self outside a block')]);
  });

  // Kills 396:57 (the path self.name instead) and 396:58 (the reference emptied).
  test('given self read in a local used as a scope, when checked, then the scope list names self', () => {
    expect(scopeReasons('${local.who}', SELF)).toEqual([mentioning('computed at apply (self)')]);
  });

  // Kills 397:12, 398:12, 398:7 (path/terraform read as undeclared resources) and 399:33 (the reason emptied).
  test('given path.module or terraform.workspace, when checked, then GLID-022 says it is known at plan', () => {
    expect(accessLevelReasons('${path.module}')).toEqual([mentioning('cannot verify access_level', 'path is known at plan')]);
    expect(accessLevelReasons('${terraform.workspace}')).toEqual([mentioning('cannot verify access_level', 'terraform is known at plan')]);
  });

  // Kills 399:62 (the reference emptied: "(unknown)").
  test('given terraform.workspace as a scope, when checked, then the scope list names it', () => {
    expect(scopeReasons('${terraform.workspace}')).toEqual([mentioning('computed at apply (terraform.workspace)')]);
  });
});

describe('locals', () => {
  // Kills 423:9 (an undeclared local read as null) and 423:48 (the reason emptied).
  test('given an undeclared local, when checked, then GLID-022 says it is not declared', () => {
    expect(accessLevelReasons('${local.nope}')).toEqual([mentioning('cannot verify access_level', 'local.nope is not declared')]);
  });

  // Kills 423:81 (the path local.nope.first instead) and 423:82 (emptied).
  test('given an undeclared local followed by an attribute, as a scope, when checked, then the scope list names the local', () => {
    expect(scopeReasons('${local.nope.first}')).toEqual([mentioning('computed at apply (local.nope)')]);
  });

  test('given a map local indexed by key, when checked, then the entry is the value judged', () => {
    expect(accessLevel('${local.m["k"]}', { locals: { m: { k: 'developer' } } })).toEqual(DEVELOPER);
  });

  const SELF_REFERENCE = { locals: { a: '${local.a.x}' } };

  test('given a local that reads itself, when checked, then GLID-022 says it refers to itself', () => {
    expect(accessLevelReasons('${local.a}', SELF_REFERENCE)).toEqual([mentioning('cannot verify access_level', 'local.a refers to itself')]);
  });

  // Kills 424:85 (the path local.a.x instead) and 424:86 (emptied).
  test('given a local that reads itself, as a scope, when checked, then the scope list names the local', () => {
    expect(scopeReasons('${local.a}', SELF_REFERENCE)).toEqual([mentioning('computed at apply (local.a)')]);
  });

  /** Locals l0 (an object) .. l<n-1>, each reading the one before: l<n-1> is n locals deep. */
  function chain(n: number, leaf: Record<string, unknown> = { level: 'developer' }): Record<string, unknown> {
    const locals: Record<string, unknown> = { l0: leaf, l1: '${local.l0.level}' };
    for (let i = 2; i < n; i++) locals[`l${i}`] = `\${local.l${i - 1}}`;
    return locals;
  }

  // Kills 426:9 (>= 64: the 65th would be too deep).
  test('given 65 nested locals, when checked, then the chain is followed to its end', () => {
    expect(accessLevel('${local.l64}', { locals: chain(65) })).toEqual(DEVELOPER);
  });

  // Kills 426:9 (the depth never checked) and 426:64 (the reason emptied).
  test('given 66 nested locals, when checked, then GLID-022 says the innermost is nested deeper than 64 locals', () => {
    expect(accessLevelReasons('${local.l65}', { locals: chain(66) })).toEqual([mentioning('cannot verify access_level', 'local.l0 is nested deeper than 64 locals')]);
  });

  // Kills 426:129 (the path local.l0.level instead) and 426:130 (emptied).
  test('given 66 nested locals as a scope, when checked, then the scope list names the innermost local', () => {
    expect(scopeReasons('${local.l65}', { locals: chain(66) })).toEqual([mentioning('computed at apply (local.l0)')]);
  });

  // Kills 412:23 (data sources left out: no secret) and 412:77 (every block counted as a secret, terraform_data.d too).
  test('given a runner token behind 66 nested locals in an output, when checked, then the output holds the stack\'s secrets, not its other blocks', () => {
    const report = check(stack({
      locals: chain(66, { level: '${data.gitlab_group.g.runners_token}' }),
      data: { gitlab_group: { g: { full_path: 'acme' } } },
      resource: { terraform_data: { d: { input: 'x' } } },
      output: { leak: { value: '${local.l65}' } },
    }));
    expect(credential(report, 'output.leak')).toMatchObject({ holdsToken: true, tokenAddresses: ['data.gitlab_group.g'] });
  });

  // Kills 432:15 (a local never leaves the set being evaluated: after 65 of them, every next one is "too deep").
  test('given 70 locals side by side, when one token reads them all, then none is too deep', () => {
    const locals: Record<string, string> = {};
    for (let i = 0; i < 70; i++) locals[`s${i}`] = 'read_api';
    const report = check(tokenStack({ scopes: Object.keys(locals).map((k) => `\${local.${k}}`) }, { locals }));
    expect(active(report, 'GLID-022')).toEqual([]);
    expect(tokenT(report).scopes).toEqual({ known: true, value: Object.keys(locals).map(() => 'read_api') });
  });
});

describe('variables', () => {
  // Kills 459:76 (the path var.nope[0] instead) and 459:77 (emptied).
  test('given an undeclared variable indexed, as a scope, when checked, then the scope list names the variable', () => {
    expect(scopeReasons('${var.nope[0]}')).toEqual([mentioning('computed at apply (var.nope)')]);
  });

  // Kills 460:120 (the path var.extra[0] instead) and 460:121 (emptied).
  test('given a variable without default indexed, as a scope, when checked, then the scope list names the variable', () => {
    expect(scopeReasons('${var.extra[0]}', { variable: { extra: { type: 'list(string)' } } })).toEqual([mentioning('computed at apply (var.extra)')]);
  });
});

describe('data sources', () => {
  // Kills 466:87 (the reason emptied) and 466:9 (data[0].x read as the data source "data.0.x").
  test('given data.gitlab_project without a name, or data[0].x, when checked, then GLID-022 says the reference is incomplete', () => {
    expect(accessLevelReasons('${data.gitlab_project}')).toEqual([mentioning('cannot verify access_level', 'incomplete data source reference')]);
    expect(accessLevelReasons('${data[0].x}')).toEqual([mentioning('cannot verify access_level', 'incomplete data source reference')]);
  });

  // Kills 466:123 (the path data.gitlab_project instead) and 466:124 (emptied).
  test('given data.gitlab_project without a name, as a scope, when checked, then the scope list names data', () => {
    expect(scopeReasons('${data.gitlab_project}')).toEqual([mentioning('computed at apply (data)')]);
  });

  // Kills 471:41 (the reason emptied).
  test('given an undeclared data source, when checked, then GLID-022 says it is not declared in this stack', () => {
    expect(accessLevelReasons('${data.gitlab_project.nope.name}')).toEqual([mentioning('cannot verify access_level', 'data.gitlab_project.nope is not declared in this stack')]);
  });

  // Kills 471:95 (the path data.gitlab_project.nope.id instead) and 471:96 (emptied).
  test('given an undeclared data source\'s attribute as a scope, when checked, then the scope list names the data source', () => {
    expect(scopeReasons('${data.gitlab_project.nope.id}')).toEqual([mentioning('computed at apply (data.gitlab_project.nope)')]);
  });

  // Kills 473:43 (2 - used: the steps after the data source read again from the attribute's value).
  test('given a name read from a data source\'s configured attribute, when checked, then the name is that attribute', () => {
    const report = check(tokenStack({ name: '${data.gitlab_project.app.path_with_namespace}' }, { data: { gitlab_project: { app: { path_with_namespace: 'acme/app' } } } }));
    expect(tokenT(report).name).toEqual({ known: true, value: 'acme/app' });
  });

  // Kills both 467:9 (any data source's outputs.X read as a terraform_remote_state output).
  test('given the outputs of a CloudFormation stack data source, when checked, then they are that data source\'s, computed at apply', () => {
    expect(accessLevelReasons('${data.aws_cloudformation_stack.net.outputs.Level}', { data: { aws_cloudformation_stack: { net: { name: 'net' } } } }))
      .toEqual([mentioning('cannot verify access_level', 'data.aws_cloudformation_stack.net.outputs is computed at apply')]);
  });

  // Kills 467:46 (any attribute of a terraform_remote_state read as an output).
  test('given the defaults of a terraform_remote_state, when checked, then they are its configured values', () => {
    const remote = { terraform_remote_state: { net: { backend: 'local', config: { path: '/x/elsewhere.tfstate' }, defaults: { level: 'developer' } } } };
    expect(accessLevel('${data.terraform_remote_state.net.defaults.level}', { data: remote })).toEqual(DEVELOPER);
  });
});

describe('outputs of other stacks, through terraform_remote_state', () => {
  const remote = (path: string) => ({ data: { terraform_remote_state: { net: { backend: 'local', config: { path } } } } });

  // Kills 478:23 (the reference emptied from the reason), 489:20 (no origin read anyway: "could not resolve") and 489:52.
  test('given a state no stack of the app keeps, when its output is read, then GLID-022 says it is read from outside this app', () => {
    expect(accessLevelReasons('${data.terraform_remote_state.net.outputs.level}', remote('/x/elsewhere.tfstate')))
      .toEqual([mentioning('cannot verify access_level', 'data.terraform_remote_state.net.outputs.level is read from a state outside this app')]);
  });

  // Kills 489:20 (its own state read as another stack's: the configured value judged).
  test('given a stack reading its own state, when checked, then its own output is what the previous apply wrote: GLID-022', () => {
    const config = tokenStack({ access_level: '${data.terraform_remote_state.net.outputs.level}' }, { ...remote('/x/team.tfstate'), output: { level: { value: 'developer' } } });
    const report = check({ ...config, terraform: { ...config.terraform as object, backend: { local: { path: '/x/team.tfstate' } } } } as TerraformConfig);
    expect(messages(report, 'GLID-022')).toEqual([mentioning('cannot verify access_level', 'data.terraform_remote_state.net.outputs.level', 'own state')]);
  });

  // Kills 489:106 (the path ...outputs.scopes[0] instead).
  test('given an output of a state outside the app indexed, as a scope, when checked, then the scope list names the output', () => {
    expect(scopeReasons('${data.terraform_remote_state.net.outputs.scopes[0]}', remote('/x/elsewhere.tfstate')))
      .toEqual([mentioning('computed at apply (data.terraform_remote_state.net.outputs.scopes)')]);
  });

  const alpha = { terraform: { backend: { local: { path: '/x/alpha.tfstate' } } }, output: { level: { value: 'developer' } } } as TerraformConfig;

  test('given an output of another stack of the app, when read, then its value is judged', () => {
    const [, beta] = checkStacks([{ name: 'alpha', config: alpha }, { name: 'beta', config: tokenStack({ access_level: '${data.terraform_remote_state.net.outputs.level}' }, remote('/x/alpha.tfstate')) }]);
    expect(tokenT(beta).accessLevel).toEqual(DEVELOPER);
  });

  // Kills 491:83 (the reason emptied).
  test('given an output the other stack does not declare, when read, then GLID-022 says it is not an output of that stack', () => {
    const [, beta] = checkStacks([{ name: 'alpha', config: alpha }, { name: 'beta', config: tokenStack({ access_level: '${data.terraform_remote_state.net.outputs.role}' }, remote('/x/alpha.tfstate')) }]);
    expect(messages(beta, 'GLID-022')).toEqual([mentioning('cannot verify access_level', 'data.terraform_remote_state.net.outputs.role is not an output of stack alpha')]);
  });

  // Kills 491:140 (the path ...outputs.roles[0] instead).
  test('given an undeclared output indexed, as a scope, when read, then the scope list names the output', () => {
    const [, beta] = checkStacks([{ name: 'alpha', config: alpha }, { name: 'beta', config: tokenStack({ scopes: ['${data.terraform_remote_state.net.outputs.roles[0]}'] }, remote('/x/alpha.tfstate')) }]);
    expect(messages(beta, 'GLID-022')).toEqual([mentioning('computed at apply (data.terraform_remote_state.net.outputs.roles)')]);
  });
});

describe('modules the app does not hold', () => {
  const EXTERNAL = { module: { ext: { source: 'acme/tokens/gitlab' } } };

  // Kills 501:23, 501:33, 501:56 (the reference emptied, the whole path, joined without dots) and 513:29.
  test('given an output of an external module read deeper, when checked, then GLID-022 names the module output computed inside it', () => {
    const [reason] = accessLevelReasons('${module.ext.levels.admin}', EXTERNAL);
    expect(reason).toEqual(mentioning('cannot verify access_level', 'computed inside the module'));
    expect(reason).toContain('module.ext.levels is computed inside the module');
  });

  // Kills 513:75 (the path module.ext.scopes[0] instead).
  test('given an external module output indexed, as a scope, when checked, then the scope list names the module output', () => {
    expect(scopeReasons('${module.ext.scopes[0]}', EXTERNAL)).toEqual([mentioning('computed at apply (module.ext.scopes)')]);
  });

  // Kills 520:73 (an undeclared module made to carry a secret) and 513:140 (module[0] made to carry one).
  test('given outputs of an undeclared module and of module[0], when checked, then no secret is made up', () => {
    const report = check(tokenStack({}, { output: { a: { value: '${module.nope.out}' }, b: { value: '${module[0]}' } } }));
    expect(credential(report, 'output.a')).toMatchObject({ holdsToken: false });
    expect(credential(report, 'output.b')).toMatchObject({ holdsToken: false });
    expect(active(report, 'GLID-012')).toEqual([]);
  });

  // Kills 520:9 (a module whose input reads its own output computed again without end).
  test('given a module whose input reads its own output and a token, when its output is a plain output, then GLID-012 names the token once', () => {
    const report = check(tokenStack({}, {
      module: { m: { source: 'acme/m', again: '${module.m.out}', token: `\${${T}.token}` } },
      output: { leak: { value: '${module.m.out}' } },
    }));
    expect(credential(report, 'output.leak')).toMatchObject({ holdsToken: true, tokenAddresses: [T] });
    expect(messages(report, 'GLID-012')).toHaveLength(1);
  });
});

describe('modules the app holds (local modules)', () => {
  const policies = [resolvePolicy(DEFAULT_POLICY)];

  /** The reports of the root (token t given `token`) and of the instance of its call m (`call` its arguments). */
  function rootWith(token: Record<string, unknown>, call: Record<string, unknown>, instance: Record<string, unknown>): StackReport[] {
    return checkApp([
      { name: 'root', config: tokenStack(token, { module: { m: { source: './m', ...call } } }), policies },
      { name: 'root/module.m', config: instance as TerraformConfig, policies, module: { caller: 'root', call: 'm' } },
    ]);
  }

  /** Root token t's access level, read as `level` from module m (called with `call`) whose instance declares `outputs`. */
  function levelFromModule(level: string, call: Record<string, unknown>, outputs: Record<string, unknown>): unknown {
    const [root] = rootWith({ access_level: level }, call, { output: outputs });
    return tokenT(root).accessLevel;
  }

  const LEVEL = { level: { value: 'developer' } };

  // Kills 506:19 (keyed never), 506:38 (count not seen: false, ===, &&), 506:98 (> 3, < 3), 507:30 (the call's name as
  // the output) and 511:29 (2 - keyed: the key and output name read again from the value).
  test('given a call with count, when the root reads module.m[0].level, then the instance\'s output is judged', () => {
    expect(levelFromModule('${module.m[0].level}', { count: 2 }, LEVEL)).toEqual(DEVELOPER);
  });

  // Kills 506:66 (for_each not seen: false, ===).
  test('given a call with for_each, when the root reads module.m["a"].level, then the instance\'s output is judged', () => {
    expect(levelFromModule('${module.m["a"].level}', { for_each: { a: 'x' } }, LEVEL)).toEqual(DEVELOPER);
  });

  // Kills 506:19 (|| steps, true) and 506:38 (true): a call without count/for_each would take levels for a key.
  test('given a call without count or for_each, when the root reads module.m.levels.admin, then the output\'s entry is judged', () => {
    expect(levelFromModule('${module.m.levels.admin}', {}, { levels: { value: { admin: 'developer' } } })).toEqual(DEVELOPER);
  });

  // Kills 510:103 (the reason emptied).
  test('given an output the module does not declare, when read, then GLID-022 says it is not an output of the module', () => {
    expect(levelFromModule('${module.m.role}', {}, LEVEL)).toEqual({ known: false, expression: mentioning('module.m.role is not an output of the module') });
  });

  // Kills 510:150 (the path module.m.roles[0] instead).
  test('given an undeclared module output indexed, as a scope, when read, then the scope list names the output', () => {
    const [root] = rootWith({ scopes: ['${module.m.roles[0]}'] }, {}, { output: LEVEL });
    expect(messages(root, 'GLID-022')).toEqual([mentioning('computed at apply (module.m.roles)')]);
  });

  const LOOP = { variable: { role: {} }, output: { level: { value: '${var.role}' } }, resource: { gitlab_project_access_token: { i: compliantToken({ access_level: '${var.role}' }) } } };

  // Kills 449:11 (the argument evaluated again without end) and 449:62 (the reason emptied).
  test('given an argument that reads the module\'s own output, when checked, then GLID-022 in the instance says so', () => {
    const [, instance] = rootWith({}, { role: '${module.m.level}' }, LOOP);
    expect(messages(instance, 'GLID-022')).toEqual([mentioning('cannot verify access_level', 'var.role depends on the module\'s own outputs')]);
  });

  // Kills 449:113 (the path var.role.first instead) and 449:114 (emptied).
  test('given such an argument read deeper as a scope, when checked, then the scope list names the variable', () => {
    const instance = { variable: { role: {} }, output: { level: { value: '${var.role.first}' } }, resource: { gitlab_project_access_token: { i: compliantToken({ scopes: ['${var.role}'] }) } } };
    const [, reported] = rootWith({}, { role: '${module.m.level}' }, instance);
    expect(messages(reported, 'GLID-022')).toEqual([mentioning('cannot verify scopes', 'computed at apply (var.role)')]);
  });
});

describe('resources and their instances', () => {
  const LEAD = { lead: compliantToken({ name: 'team-lead', access_level: 'developer' }) };
  const COPIES = { c: compliantToken({ name: 'team-copy-${count.index}', count: 2, access_level: '${count.index == 0 ? "reporter" : "developer"}' }) };
  const BY_KEY = { m: compliantToken({ name: 'team-${each.key}', for_each: { a: 'reporter', b: 'developer' }, access_level: '${each.value}' }) };
  const UNKNOWN_COPIES = { variable: { n: { type: 'number' } }, resource: { gitlab_project_access_token: { c: compliantToken({ name: 'team-copies', count: '${var.n}' }) } } };

  // Kills 403:45 (the reason emptied).
  test('given an undeclared token\'s access_level, when read, then GLID-022 says it is not declared in this stack', () => {
    expect(accessLevelReasons('${gitlab_project_access_token.nope.access_level}')).toEqual([mentioning('cannot verify access_level', 'gitlab_project_access_token.nope is not declared in this stack')]);
  });

  // Kills 403:94 (the path gitlab_project_access_token.nope.scopes[0] instead) and 403:95 (emptied).
  test('given an undeclared token\'s scope as a scope, when checked, then the scope list names the token', () => {
    expect(scopeReasons('${gitlab_project_access_token.nope.scopes[0]}')).toEqual([mentioning('computed at apply (gitlab_project_access_token.nope)')]);
  });

  // Kills 405:47 and 556:69 (1 - used, used - 1: the token's name and attribute read again from the value).
  test('given another token\'s access_level, when read, then it is the value judged', () => {
    expect(accessLevel('${gitlab_project_access_token.lead.access_level}', { resource: { gitlab_project_access_token: LEAD } })).toEqual(DEVELOPER);
  });

  // Kills 539:30 (count not seen), 543:53, 543:60, 543:113 (no instance selected), 543:151 (the first instance, or
  // another, selected), 544:21 (the selection dropped) and 546:44 (1 - used).
  test('given a counted token, when copy [1]\'s access_level is read, then it is that copy\'s, with count.index = 1', () => {
    expect(accessLevel('${gitlab_project_access_token.c[1].access_level}', { resource: { gitlab_project_access_token: COPIES } })).toEqual(DEVELOPER);
  });

  // Kills 543:76 (string keys never match) and 543:151.
  test('given a token for_each, when instance ["b"]\'s access_level is read, then it is that instance\'s each.value', () => {
    expect(accessLevel('${gitlab_project_access_token.m["b"].access_level}', { resource: { gitlab_project_access_token: BY_KEY } })).toEqual(DEVELOPER);
  });

  // Kills 543:60 (true: instances not expanded have no iteration to compare, "could not resolve").
  test('given a count the checks cannot evaluate, when copy [0]\'s configured name is read, then it is the block\'s', () => {
    const report = check(tokenStack({ name: '${gitlab_project_access_token.c[0].name}' }, UNKNOWN_COPIES));
    expect(tokenT(report).name).toEqual({ known: true, value: 'team-copies' });
  });

  // Kills 553:31 and 557:29 (the reasons emptied).
  test('given another token\'s token or id, when read, then GLID-022 says it is a secret known at apply, or computed at apply', () => {
    const parts = { resource: { gitlab_project_access_token: LEAD } };
    expect(accessLevelReasons('${gitlab_project_access_token.lead.token}', parts)).toEqual([mentioning('cannot verify access_level', 'gitlab_project_access_token.lead.token is a secret known at apply')]);
    expect(accessLevelReasons('${gitlab_project_access_token.lead.id}', parts)).toEqual([mentioning('cannot verify access_level', 'gitlab_project_access_token.lead.id is computed at apply')]);
  });

  // Kills 553:91, 553:92, 557:83, 557:84: the block's attribute is named (not "unknown", not the path with its key).
  test('given copies the checks cannot count, when a copy\'s token or id is a scope, then the scope list names the block\'s attribute', () => {
    expect(scopeReasons('${gitlab_project_access_token.c[0].token}', UNKNOWN_COPIES)).toContainEqual(mentioning('cannot verify scopes', 'computed at apply (gitlab_project_access_token.c.token)'));
    expect(scopeReasons('${gitlab_project_access_token.c[0].id}', UNKNOWN_COPIES)).toContainEqual(mentioning('cannot verify scopes', 'computed at apply (gitlab_project_access_token.c.id)'));
  });

  // Kills 540:83 (the reason emptied).
  test('given copies the checks cannot count, when the whole block is read, then GLID-022 says it has several instances', () => {
    expect(accessLevelReasons('${gitlab_project_access_token.c}', UNKNOWN_COPIES)).toContainEqual(mentioning('cannot verify access_level', 'gitlab_project_access_token.c has several instances'));
  });

  // Kills 537:19 and 537:72 (a block without secrets made to carry one).
  test('given terraform_data copies the checks cannot count in an output, when checked, then the output holds no token', () => {
    const report = check(stack({ variable: { n: {} }, resource: { terraform_data: { d: { count: '${var.n}', input: 'x' } } }, output: { all: { value: '${terraform_data.d}' } } }));
    expect(credential(report, 'output.all')).toMatchObject({ holdsToken: false });
    expect(active(report, 'GLID-012')).toEqual([]);
  });

  // Kills 566:54, 567:9 (no instances: unknown), 570:9 (count read as a map) and 577:62, 578:11 (no attributes).
  test('given a counted token read whole into a local, when copy [1] of it is read, then the list holds each copy\'s attributes', () => {
    expect(accessLevel('${local.all[1].access_level}', { locals: { all: '${gitlab_project_access_token.c}' }, resource: { gitlab_project_access_token: COPIES } })).toEqual(DEVELOPER);
  });

  // Kills 570:9 (true: for_each read as a list).
  test('given a for_each token read whole into a local, when entry ["b"] of it is read, then the map holds each instance by key', () => {
    expect(accessLevel('${local.all["b"].access_level}', { locals: { all: '${gitlab_project_access_token.m}' }, resource: { gitlab_project_access_token: BY_KEY } })).toEqual(DEVELOPER);
  });

  // Kills 582:33 (the reason emptied).
  test('given a token read whole, when its token is read from it, then GLID-022 says it is a secret known at apply', () => {
    expect(accessLevelReasons('${local.r.token}', { locals: { r: '${gitlab_project_access_token.lead}' }, resource: { gitlab_project_access_token: LEAD } }))
      .toEqual([mentioning('cannot verify access_level', 'gitlab_project_access_token.lead.token is a secret known at apply')]);
  });

  // Kills 582:90 and 582:91 (the secret's reference lost: "unknown").
  test('given a token read whole, when its token is a scope, then the scope list names the token', () => {
    expect(scopeReasons('${local.r.token}', { locals: { r: '${gitlab_project_access_token.lead}' }, resource: { gitlab_project_access_token: LEAD } }))
      .toEqual([mentioning('computed at apply (gitlab_project_access_token.lead.token)')]);
  });

  // Kills 578:* (a meta-argument, or the // comment, read as an attribute; or every attribute skipped but //).
  test('given blocks read whole, when their keys are listed, then they are the attributes, not the meta-arguments', () => {
    const meta = { lifecycle: { create_before_destroy: true }, depends_on: ['gitlab_project_access_token.lead'], provider: 'gitlab.ops', '//': { metadata: { path: 'team/d' } } };
    const report = check(tokenStack({ name: '${join(",", concat(keys(terraform_data.d[0]), keys(terraform_data.e["a"])))}' }, {
      resource: { terraform_data: { d: { count: 1, input: 'x', ...meta }, e: { for_each: { a: 1 }, triggers_replace: 'y', ...meta } } },
    }));
    const name = tokenT(report).name;
    expect(name).toEqual({ known: true, value: expect.any(String) });
    const keys = name?.known ? name.value.split(',') : [];
    expect(keys).toEqual(expect.arrayContaining(['input', 'triggers_replace']));
    for (const metaArgument of ['lifecycle', 'depends_on', 'provider', 'count', 'for_each', '//']) expect(keys).not.toContain(metaArgument);
  });
});
