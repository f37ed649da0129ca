/** What identities of a stack share: the hashicorp/time provider and the bot-authored labels. */
import { GroupLabel } from '@cdktf/provider-gitlab/lib/group-label';
import { ProjectLabel } from '@cdktf/provider-gitlab/lib/project-label';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { Testing } from 'cdktf';
import { AutomationIdentity, Capability as C, Reach } from '../../lib';
import { request, resources, synth, userStack } from './support';

const deployRequest = (purpose: string) => request({ purpose, capabilities: [C.REPOSITORY_READ] });

describe('hashicorp/time provider', () => {
  test('added once for several identities that need it', () => {
    const stack = userStack();
    new AutomationIdentity(stack, 'a', deployRequest('a'));
    new AutomationIdentity(stack, 'b', deployRequest('b'));
    expect((JSON.parse(synth(stack)) as { provider: { time: unknown[] } }).provider.time).toHaveLength(1);
  });

  test('the user\'s own provider is used when declared first', () => {
    const stack = userStack();
    new TimeProvider(stack, 'my-time', {});
    new AutomationIdentity(stack, 'a', deployRequest('a'));
    const out = synth(stack);
    expect((JSON.parse(out) as { provider: { time: unknown[] } }).provider.time).toHaveLength(1);
    expect(stack.node.tryFindChild('GitLabIdentity')?.node.tryFindChild('TimeProvider')).toBeUndefined();
  });

  test('a provider declared after the first identity is a clear validation error', () => {
    const stack = userStack();
    new AutomationIdentity(stack, 'a', deployRequest('a'));
    new TimeProvider(stack, 'late-time', {});
    expect(() => synth(stack)).toThrow(/several hashicorp\/time providers without alias \(team\/GitLabIdentity\/TimeProvider, team\/late-time\)/);
  });

  test('every stack gets its own', () => {
    const app = Testing.app();
    const one = userStack(app, 'one');
    const two = userStack(app, 'two');
    new AutomationIdentity(one, 'a', deployRequest('a'));
    new AutomationIdentity(two, 'b', deployRequest('b'));
    expect(synth(one)).toHaveProvider(TimeProvider);
    expect(synth(two)).toHaveProvider(TimeProvider);
  });
});

describe('automation:bot-authored label', () => {
  const mrBot = (purpose: string, reach = Reach.projects(['g/a', 'g/b'])) =>
    request({ purpose, reach, capabilities: [C.API_WRITE, C.REPOSITORY_WRITE], ensureBotAuthoredLabel: true });

  test('created on each reached project, once per stack however many bots reach it', () => {
    const stack = userStack();
    const bot = new AutomationIdentity(stack, 'one', mrBot('one'));
    new AutomationIdentity(stack, 'two', mrBot('two'));
    const out = synth(stack);
    expect(bot.plan.labels).toEqual(['automation:bot-authored']);
    expect(out).toHaveResourceWithProperties(ProjectLabel, { project: 'g/a', name: 'automation:bot-authored' });
    expect(resources(out, 'gitlab_project_label').map((l) => l.project).sort()).toEqual(['g/a', 'g/b']);
  });

  test('a group label for a group reach', () => {
    const stack = userStack();
    new AutomationIdentity(stack, 'g', mrBot('g', Reach.group('g', { projectCount: 80 })));
    expect(synth(stack)).toHaveResourceWithProperties(GroupLabel, { group: 'g', name: 'automation:bot-authored' });
  });

  test('not created unless asked', () => {
    const stack = userStack();
    new AutomationIdentity(stack, 'x', { ...mrBot('x'), ensureBotAuthoredLabel: undefined });
    expect(resources(synth(stack), 'gitlab_project_label')).toHaveLength(0);
  });
});
