/**
 * How reaches and runtimes present themselves: the plain descriptions written into plans and inventories,
 * the texts shown in messages, and the single-project predicate the decision rules rely on.
 */
import { Capability, IdentityKind, Reach, ReachType, Runtime, RuntimeType, planIdentity } from '../../lib/core';

describe('Reach', () => {
  // Made in beforeEach, not in the describe body, where the mutation run could not link them to a test.
  let group: Reach;
  let one: Reach;
  let oneInList: Reach;
  let several: Reach;
  beforeEach(() => {
    group = Reach.group('gitlab-org', { projectCount: 7 });
    one = Reach.project('gitlab-org/gitlab');
    oneInList = Reach.projects(['gitlab-org/gitaly']);
    several = Reach.projects(['gitlab-org/gitlab-runner', 'gitlab-org/gitaly']);
  });

  test('a group reach lists no projects, only the group and its project count', () => {
    expect(group.projects).toEqual([]);
    expect(group.describe()).toStrictEqual({ type: ReachType.GROUP, group: 'gitlab-org', projectCount: 7 });
  });

  test('a project reach describes itself by its projects only', () => {
    expect(one.describe()).toStrictEqual({ type: ReachType.PROJECT, projects: ['gitlab-org/gitlab'] });
    expect(several.describe()).toStrictEqual({ type: ReachType.PROJECTS, projects: ['gitlab-org/gitaly', 'gitlab-org/gitlab-runner'] });
  });

  test('one project, or a one-element list, is a single-project reach; a group or a longer list is not', () => {
    expect(one.isSingleProject).toBe(true);
    expect(oneInList.isSingleProject).toBe(true);
    expect(several.isSingleProject).toBe(false);
    expect(group.isSingleProject).toBe(false);
    expect(Reach.group('acme', { projectCount: 1 }).isSingleProject).toBe(false);
  });

  test('the text shown in messages names the group with its size, the one project, or the sorted projects', () => {
    expect(String(group)).toBe('group gitlab-org (7 projects)');
    expect(String(one)).toBe('project gitlab-org/gitlab');
    expect(String(oneInList)).toBe('project gitlab-org/gitaly');
    expect(String(several)).toBe('projects gitlab-org/gitaly, gitlab-org/gitlab-runner');
  });
});

describe('Runtime', () => {
  let ci: Runtime;
  let external: Runtime;
  beforeEach(() => {
    ci = Runtime.ciPipeline('gitlab-org/gitlab');
    external = Runtime.external();
  });

  test('a CI runtime describes its source project; an external runtime has no source project field', () => {
    expect(ci.describe()).toStrictEqual({ type: RuntimeType.CI_PIPELINE, sourceProject: 'gitlab-org/gitlab' });
    expect(external.describe()).toStrictEqual({ type: RuntimeType.EXTERNAL });
    expect('sourceProject' in external.describe()).toBe(false);
  });

  test('the text shown in messages is the type, followed by the source project for CI', () => {
    expect(String(ci)).toBe('ci-pipeline:gitlab-org/gitlab');
    expect(String(external)).toBe('external');
  });

  test('runtimes are immutable', () => {
    expect(Object.isFrozen(ci)).toBe(true);
    expect(Object.isFrozen(external)).toBe(true);
    expect(() => {
      (ci as unknown as { sourceProject: string }).sourceProject = 'evil/project';
    }).toThrow(TypeError);
    expect(ci.sourceProject).toBe('gitlab-org/gitlab');
  });
});

/**
 * A second, separately loaded copy: its classes are not this copy's, only the brands are shared. Loaded when
 * this file loads, not in a test: a copy loaded inside a test runs every module-level line of lib/core there,
 * and Stryker would then take that one test as the only one covering each module-level mutant (a table such
 * as parse-inventory.ts's fields) and count the mutant as surviving it. Loaded here, that code runs only
 * while files load, which Stryker does not link to any test: with `ignoreStatic` such mutants are left out of
 * the score (Ignored), as they were before this copy was added. Its functions run in the test below.
 */
let otherCopy: typeof import('../../lib/core') | undefined;
jest.isolateModules(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  otherCopy = require('../../lib/core');
});

describe('a Reach or Runtime made by another copy of the library (two versions in one app)', () => {
  test('is a different class, but recognised by its brand and planned like this copy\'s own', () => {
    const other = otherCopy as typeof import('../../lib/core');
    const reach = other.Reach.projects(['acme/app', 'acme/lib']);
    const runtime = other.Runtime.ciPipeline('acme/ci');
    expect(reach).not.toBeInstanceOf(Reach);
    expect(runtime).not.toBeInstanceOf(Runtime);
    expect([Reach.isReach(reach), Runtime.isRuntime(runtime)]).toEqual([true, true]);
    const p = planIdentity({ owner: 'team', purpose: 'bot', runtime, reach, capabilities: [Capability.REPOSITORY_READ] });
    expect(p.kind).toBe(IdentityKind.CI_JOB_TOKEN);
    expect(p.grants.map((g) => g.target)).toEqual(['acme/app', 'acme/lib']);
  });

  test('a look-alike plain object is not', () => {
    expect(Reach.isReach({ ...Reach.project('acme/app') })).toBe(false);
    expect(Runtime.isRuntime({ ...Runtime.external() })).toBe(false);
    expect([Reach.isReach(null), Runtime.isRuntime(null), Reach.isReach('acme/app')]).toEqual([false, false, false]);
  });
});
