/**
 * The merge-request gate at synth: every stack gets an inventory computed from its JSON, checked or not;
 * stack names cannot write outside their folder; hostile names do not inject the note CI posts; and two
 * copies of the library in one app work together.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { ProjectAccessToken } from '@cdktf/provider-gitlab/lib/project-access-token';
import { GitlabProvider } from '@cdktf/provider-gitlab/lib/provider';
import { INVENTORY_JSON_FILE, INVENTORY_MARKDOWN_FILE, StackInventory } from '../../../lib/core';
import { AutomationIdentity, Capability, IdentityPolicyChecks } from '../../../lib';
import { request, userStack } from '../support';
import { checkedStack, projectToken, synth, synthFailure, tempApp } from './policy-support';

const inventoryOf = (app: App, stack: string) =>
  JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', stack, INVENTORY_JSON_FILE), 'utf8')) as StackInventory;

describe('every stack is inventoried, checked or not', () => {
  test('a new stack without IdentityPolicyChecks, next to a checked one, gets its inventory with its findings', () => {
    const app = tempApp();
    new AutomationIdentity(checkedStack(undefined, app, 'checked'), 'bot', request({ capabilities: [Capability.API_READ] }));
    projectToken(userStack(app, 'sneaky'), 'token', { accessLevel: 'owner', name: 'sneaky-bot' });
    // Unchecked: the owner token does not fail synth, but the reviewer sees it.
    expect(() => app.synth()).not.toThrow();
    const sneaky = inventoryOf(app, 'sneaky');
    expect(sneaky.identities.map((e) => [e.name, e.accessLevel, e.findings.map((f) => f.ruleId)])).toEqual([['sneaky-bot', 'owner', ['GLID-006']]]);
  });
});

describe('stack names become folders', () => {
  test.each(['..', 'a..b'])('a stack named %j fails synth before any inventory is written', (name) => {
    const app = tempApp();
    new AutomationIdentity(userStack(app, 'team'), 'bot', request({ capabilities: [Capability.API_READ] }));
    const stack = new TerraformStack(app, name);
    new GitlabProvider(stack, 'gitlab', {});
    expect(synthFailure(app)).toContain(`stack name ${JSON.stringify(name)} is not allowed`);
    expect(fs.existsSync(path.join(app.outdir, INVENTORY_JSON_FILE))).toBe(false);
    expect(fs.existsSync(path.join(app.outdir, 'stacks', 'team', INVENTORY_JSON_FILE))).toBe(false);
  });
});

describe('the Markdown CI posts cannot be injected', () => {
  test('a hand-written token name with line breaks, quick actions, mentions and HTML stays one escaped line', () => {
    const app = tempApp();
    const stack = checkedStack(undefined, app);
    new ProjectAccessToken(stack, 'evil', {
      project: 'acme/app', name: 'x\n/approve\n/label ~security @all <img src=x onerror=alert(1)> <!-- #1',
      scopes: ['read_api'], accessLevel: 'reporter', rotationConfiguration: { expirationDays: 30, rotateBeforeDays: 7 },
    });
    synth(stack);
    const markdown = fs.readFileSync(path.join(app.outdir, 'stacks', 'team', INVENTORY_MARKDOWN_FILE), 'utf8');
    for (const line of markdown.split('\n')) expect(line).not.toMatch(/^\s*\//);
    expect(markdown).not.toMatch(/<img|<!--|(^|[^\\])@all/);
    expect(markdown).toContain('&lt;img');
  });
});

describe('two copies of the library in one app', () => {
  test('identities of both copies synthesize together, are checked once, and each appears in the inventory', () => {
    // GIVEN a second copy of the library, loaded apart from the first (as two versions in node_modules would be)
    let Other: typeof import('../../../lib') | undefined;
    jest.isolateModules(() => {
      Other = jest.requireActual('../../../lib') as typeof import('../../../lib');
    });
    const other = Other as typeof import('../../../lib');
    expect(other.AutomationIdentity).not.toBe(AutomationIdentity);
    const app = tempApp();
    const stack = userStack(app);
    IdentityPolicyChecks.enable(app);
    new AutomationIdentity(stack, 'first', request({ purpose: 'first', capabilities: [Capability.API_READ] }));
    new other.AutomationIdentity(stack, 'second', { ...request({ purpose: 'second', capabilities: [other.Capability.API_READ] }), runtime: other.Runtime.external(), reach: other.Reach.project('group/project') });
    // WHEN THEN synth succeeds and both are inventoried
    expect(() => app.synth()).not.toThrow();
    expect(inventoryOf(app, 'team').identities.map((e) => e.name)).toEqual(['team-first', 'team-second']);
  });

  test('a token name used by identities of both copies is still one clash', () => {
    let Other: typeof import('../../../lib') | undefined;
    jest.isolateModules(() => {
      Other = jest.requireActual('../../../lib') as typeof import('../../../lib');
    });
    const other = Other as typeof import('../../../lib');
    const stack = userStack(tempApp());
    new AutomationIdentity(stack, 'first', request({ capabilities: [Capability.API_READ] }));
    expect(() => new other.AutomationIdentity(stack, 'second', request({ capabilities: [other.Capability.API_READ] }) as never)).toThrow(/team-bot/);
  });
});
