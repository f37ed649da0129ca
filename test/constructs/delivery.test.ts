/**
 * Secret delivery: masked, hidden, protected and raw CI/CD variables; the value is only ever a reference to
 * the token resource's sensitive attribute; no secret reaches a name, description or output.
 */
import { GroupVariable } from '@cdktf/provider-gitlab/lib/group-variable';
import { ProjectVariable } from '@cdktf/provider-gitlab/lib/project-variable';
import { TerraformOutput } from 'cdktf';
import { AutomationIdentity, Capability as C, Delivery, ErrorCode, Reach, Runtime } from '../../lib';
import { address, request, resources, synth, userStack } from './support';
import { mentioningPattern as mentioning } from '../support/mentioning';

describe('a project CI/CD variable', () => {
  const stack = userStack();
  new AutomationIdentity(stack, 'triage', request({
    capabilities: [C.API_TRIAGE], deliverTo: Delivery.ciVariable({ project: 'group/ops', key: 'TRIAGE_TOKEN' }),
  }));
  const out = synth(stack);

  test('masked, hidden, protected and raw by default; value references the token', () => {
    expect(out).toHaveResourceWithProperties(ProjectVariable, {
      project: 'group/ops', key: 'TRIAGE_TOKEN', masked: true, hidden: true, protected: true, raw: true, environment_scope: '*',
      value: `\${${address(out, 'gitlab_project_access_token')}.token}`,
    });
  });
});

describe('options', () => {
  test('protected can be turned off for merge-request pipelines; the environment scope is kept', () => {
    const stack = userStack();
    new AutomationIdentity(stack, 'danger', request({
      capabilities: [C.API_TRIAGE],
      deliverTo: Delivery.ciVariable({ project: 'group/project', key: 'DANGER_TOKEN', protected: false, environmentScope: 'review/*' }),
    }));
    expect(synth(stack)).toHaveResourceWithProperties(ProjectVariable, {
      key: 'DANGER_TOKEN', protected: false, masked: true, hidden: true, environment_scope: 'review/*',
    });
  });

  test('a group variable, and several deliveries at once', () => {
    const stack = userStack();
    new AutomationIdentity(stack, 'bot', request({
      capabilities: [C.API_READ],
      deliverTo: [Delivery.groupVariable({ group: 'group', key: 'READ_TOKEN' }), Delivery.ciVariable({ project: 'group/x', key: 'READ_TOKEN' })],
    }));
    const out = synth(stack);
    expect(out).toHaveResourceWithProperties(GroupVariable, { group: 'group', key: 'READ_TOKEN', masked: true, hidden: true, protected: true, raw: true });
    expect(out).toHaveResourceWithProperties(ProjectVariable, { project: 'group/x', key: 'READ_TOKEN' });
  });

  test('deploy tokens also deliver their username, not hidden (it is no secret)', () => {
    const stack = userStack();
    new AutomationIdentity(stack, 'pull', request({ capabilities: [C.CONTAINER_REGISTRY_READ], deliverTo: Delivery.ciVariable({ project: 'group/cluster', key: 'REGISTRY' }) }));
    const out = synth(stack);
    const token = address(out, 'gitlab_project_deploy_token');
    expect(out).toHaveResourceWithProperties(ProjectVariable, { key: 'REGISTRY', value: `\${${token}.token}`, masked: true, hidden: true });
    expect(out).toHaveResourceWithProperties(ProjectVariable, { key: 'REGISTRY_USERNAME', value: `\${${token}.username}`, masked: false, hidden: false, protected: true });
  });

  test('per-project tokens each get their own variable, suffixed with the project', () => {
    const stack = userStack();
    new AutomationIdentity(stack, 'trigger', request({
      reach: Reach.projects(['group/alpha', 'group/beta']), capabilities: [C.PIPELINE_TRIGGER],
      deliverTo: Delivery.ciVariable({ project: 'group/scheduler', key: 'TRIGGER' }),
    }));
    const keys = resources(synth(stack), 'gitlab_project_variable').map((v) => v.key);
    expect(keys.sort()).toEqual(['TRIGGER_ALPHA', 'TRIGGER_BETA']);
  });
});

describe('bad deliveries fail in the constructor', () => {
  test('a CI job token has nothing to deliver', () => {
    const stack = userStack();
    expect(() => new AutomationIdentity(stack, 'job', request({
      runtime: Runtime.ciPipeline('group/a'), reach: Reach.project('group/b'), capabilities: [C.REPOSITORY_READ],
      deliverTo: Delivery.ciVariable({ project: 'group/a', key: 'X' }),
    }))).toThrow(expect.objectContaining({
      code: ErrorCode.NOTHING_TO_DELIVER,
      field: 'deliverTo (team/job)',
      message: expect.stringMatching(mentioning('deliverTo (team/job)', "'a delivery'", '$CI_JOB_TOKEN')),
    }));
  });

  test.each(['MY-TOKEN', 'my token', '', 'Ü'])('variable key %j is rejected', (key) => {
    expect(() => Delivery.ciVariable({ project: 'group/a', key })).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_DELIVERY, message: expect.stringContaining('must be a CI/CD variable key: letters, digits and _ only') }),
    );
  });

  test('a malformed project path is rejected', () => {
    expect(() => Delivery.ciVariable({ project: 'https://gitlab.com/group/a', key: 'K' })).toThrow(
      expect.objectContaining({
        code: ErrorCode.INVALID_PATH,
        field: 'deliverTo.project',
        message: expect.stringMatching(mentioning('deliverTo.project', "'https://gitlab.com/group/a'", "'group/a'")),
      }),
    );
  });

  test('a plain object instead of a Delivery is rejected', () => {
    expect(() => new AutomationIdentity(userStack(), 'x', request({
      capabilities: [C.API_READ], deliverTo: { project: 'group/a', key: 'K' } as unknown as Delivery,
    }))).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_TYPE, field: 'deliverTo' }));
  });

  test('two identities writing the same variable fail with both construct paths', () => {
    const stack = userStack();
    const deliverTo = Delivery.ciVariable({ project: 'group/a', key: 'TOKEN' });
    new AutomationIdentity(stack, 'one', request({ purpose: 'one', capabilities: [C.API_READ], deliverTo }));
    expect(() => new AutomationIdentity(stack, 'two', request({ purpose: 'two', capabilities: [C.API_READ], deliverTo }))).toThrow(expect.objectContaining({
      code: ErrorCode.DUPLICATE_DELIVERY,
      field: 'deliverTo',
      message: expect.stringMatching(mentioning('group/a', 'TOKEN', 'team/one', 'team/two')),
    }));
  });
});

describe('no secret outside sensitive references', () => {
  // GIVEN one identity of every kind with deliveries WHEN synthesized THEN a token reference appears only as
  // the value of a CI/CD variable, nowhere else (names, descriptions, outputs, labels, hooks).
  const stack = userStack();
  const ids = [
    new AutomationIdentity(stack, 'pat', request({ purpose: 'pat', capabilities: [C.API_TRIAGE], deliverTo: Delivery.ciVariable({ project: 'g/p', key: 'A' }) })),
    new AutomationIdentity(stack, 'gat', request({ purpose: 'gat', reach: Reach.group('small', { projectCount: 3 }), capabilities: [C.API_READ], deliverTo: Delivery.ciVariable({ project: 'g/p', key: 'B' }) })),
    new AutomationIdentity(stack, 'dep', request({ purpose: 'dep', reach: Reach.projects(['g/a', 'g/b']), capabilities: [C.REPOSITORY_READ], deliverTo: Delivery.groupVariable({ group: 'g', key: 'C' }) })),
    new AutomationIdentity(stack, 'sa', request({ purpose: 'sa', reach: Reach.projects(['g/a', 'g/b']), capabilities: [C.API_WRITE, C.REPOSITORY_WRITE], ensureBotAuthoredLabel: true, deliverTo: Delivery.ciVariable({ project: 'g/p', key: 'D' }) })),
    new AutomationIdentity(stack, 'trg', request({ purpose: 'trg', capabilities: [C.PIPELINE_TRIGGER], deliverTo: Delivery.ciVariable({ project: 'g/p', key: 'E' }) })),
    new AutomationIdentity(stack, 'bot', request({ purpose: 'bot', reach: Reach.projects(['g/a', 'g/c']), capabilities: [C.API_READ], botUserId: 7, policy: { serviceAccountsAvailable: false }, deliverTo: Delivery.ciVariable({ project: 'g/p', key: 'F' }) })),
  ];
  // A sensitive output is the supported way to expose a token: it must stay sensitive.
  new TerraformOutput(stack, 'pat-token', { value: ids[0].token, sensitive: true });
  const json = JSON.parse(synth(stack)) as Record<string, unknown>;

  const places: string[] = [];
  const walk = (node: unknown, path: string[]) => {
    if (typeof node === 'string') {
      if (/\.token\}/.test(node)) places.push(path.join('.'));
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
    }
  };
  walk(json, []);

  test('every token reference is a variable value or a sensitive output', () => {
    expect(places.length).toBe(8); // A, B, C_A, C_B, D, E, F and the output
    for (const p of places) {
      expect(p).toMatch(/^(resource\.gitlab_(project|group)_variable\.[^.]+\.value|output\.pat-token\.value)$/);
    }
    expect((json.output as Record<string, { sensitive: boolean }>)['pat-token'].sensitive).toBe(true);
  });

  test('variables holding a token are masked, hidden and protected', () => {
    const variables = [...Object.values((json.resource as Record<string, Record<string, Record<string, unknown>>>).gitlab_project_variable),
      ...Object.values((json.resource as Record<string, Record<string, Record<string, unknown>>>).gitlab_group_variable)];
    for (const v of variables.filter((x) => /\.token\}/.test(String(x.value)))) {
      expect([v.key, v.masked, v.hidden, v.protected, v.raw]).toEqual([v.key, true, true, true, true]);
    }
  });
});
