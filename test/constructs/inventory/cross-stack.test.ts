/**
 * Deliveries across stacks in the inventory: a token declared in one stack and put into a CI/CD variable of
 * another (a cdktf cross-stack reference) is listed with that delivery in the inventory of the stack that
 * declares it, because that is the entry a reviewer reads for the token. Terraform addresses are unique per
 * stack only, so a token of the same address in the other stack must not be credited with the delivery.
 */
import * as fs from 'fs';
import * as path from 'path';
import { inventoriesOfStacks } from '../../support/inventory-of';
import { App, Aspects, TerraformLocal, TerraformOutput, TerraformStack } from 'cdktf';
import { INVENTORY_JSON_FILE, InventoryEntry, StackInventory } from '../../../lib/core';
import { AutomationIdentity, Capability, Delivery, IdentityPolicyChecks } from '../../../lib';
import { request, userStack } from '../support';
import { projectToken, projectVariable, tempApp } from '../policy/policy-support';

function inventoryOf(app: App, stack: string): StackInventory {
  return JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', stack, INVENTORY_JSON_FILE), 'utf8')) as StackInventory;
}

const entry = (inventory: StackInventory, name: string): InventoryEntry => {
  const found = inventory.identities.find((e) => e.name === name);
  if (!found) throw new Error(`no entry ${name} in ${inventory.stack}: ${inventory.identities.map((e) => e.name).join(', ')}`);
  return found;
};
const keys = (e: InventoryEntry) => e.deliveries.map((d) => `${d.type} ${d.target} ${d.key}`);

/** An app with the checks on the App, and stacks alpha and beta. */
function twoStacks(): { app: App; alpha: TerraformStack; beta: TerraformStack } {
  const app = tempApp();
  IdentityPolicyChecks.enable(app);
  return { app, alpha: userStack(app, 'alpha'), beta: userStack(app, 'beta') };
}

describe('a token delivered into a variable of another stack', () => {
  test('an identity\'s token: its entry lists its own delivery and the one in the other stack', () => {
    // GIVEN an identity in alpha delivered to acme/ci, and a variable of beta that holds its token too
    const { app, alpha, beta } = twoStacks();
    const identity = new AutomationIdentity(alpha, 'reader', request({
      purpose: 'reader', capabilities: [Capability.API_READ], deliverTo: Delivery.ciVariable({ project: 'acme/ci', key: 'READER_TOKEN' }),
    }));
    projectVariable(beta, identity.token, 'copy', { project: 'acme/docs', key: 'DOCS_READER_TOKEN' });
    // WHEN
    app.synth();
    // THEN alpha's entry lists both places; beta's inventory has no entry of its own for it
    expect(keys(entry(inventoryOf(app, 'alpha'), 'team-reader'))).toEqual([
      'project-variable acme/ci READER_TOKEN',
      'project-variable acme/docs DOCS_READER_TOKEN',
    ]);
    expect(inventoryOf(app, 'beta').identities).toEqual([]);
  });

  test('a raw token of the same address in the other stack is not credited with the delivery', () => {
    // GIVEN gitlab_project_access_token.token in both stacks; beta's variable holds alpha's
    const { app, alpha, beta } = twoStacks();
    const alphaToken = projectToken(alpha, 'token', { name: 'alpha-bot' });
    projectToken(beta, 'token', { name: 'beta-bot' });
    projectVariable(beta, alphaToken.token, 'variable', { key: 'ALPHA_TOKEN' });
    // WHEN
    app.synth();
    // THEN
    expect(keys(entry(inventoryOf(app, 'alpha'), 'alpha-bot'))).toEqual(['project-variable acme/app ALPHA_TOKEN']);
    expect(keys(entry(inventoryOf(app, 'beta'), 'beta-bot'))).toEqual([]);
  });

  test('through a local of the other stack: still credited to the declaring stack\'s token', () => {
    // GIVEN beta passes alpha's token through a TerraformLocal, and has its own token of the same address
    const { app, alpha, beta } = twoStacks();
    const alphaToken = projectToken(alpha, 'token', { name: 'alpha-bot' });
    projectToken(beta, 'token', { name: 'beta-bot' });
    const local = new TerraformLocal(beta, 'carried', alphaToken.token);
    projectVariable(beta, local.asString, 'variable', { key: 'CARRIED_TOKEN' });
    // WHEN
    app.synth();
    // THEN
    expect(keys(entry(inventoryOf(app, 'alpha'), 'alpha-bot'))).toEqual(['project-variable acme/app CARRIED_TOKEN']);
    expect(keys(entry(inventoryOf(app, 'beta'), 'beta-bot'))).toEqual([]);
  });

  test('an output of the other stack holding the token is not attached to a same-address token there', () => {
    // GIVEN beta outputs alpha's token without sensitive (GLID-012), and has its own token of the same address
    const { app, alpha, beta } = twoStacks();
    const alphaToken = projectToken(alpha, 'token', { name: 'alpha-bot' });
    projectToken(beta, 'token', { name: 'beta-bot' });
    new TerraformOutput(beta, 'leak', { value: alphaToken.token });
    // WHEN synth fails on the GLID-012 error (and so writes neither stack's files)
    expect(() => app.synth()).toThrow(/GLID-012/);
    // THEN beta's token is not blamed for alpha's secret in the inventory `gitlab-identity inventory` builds
    const [, betaInventory] = inventoriesOfStacks([alpha, beta]);
    expect(entry(betaInventory, 'beta-bot').findings).toEqual([]);
  });

  test('a second synth of the same app gives the same inventories, with a delivery added in between', () => {
    // GIVEN one synth done
    const { app, alpha, beta } = twoStacks();
    const alphaToken = projectToken(alpha, 'token', { name: 'alpha-bot' });
    projectVariable(beta, alphaToken.token, 'first', { key: 'FIRST_TOKEN' });
    app.synth();
    expect(keys(entry(inventoryOf(app, 'alpha'), 'alpha-bot'))).toEqual(['project-variable acme/app FIRST_TOKEN']);
    // WHEN another variable is added and the app synthesized again
    projectVariable(beta, alphaToken.token, 'second', { key: 'SECOND_TOKEN' });
    app.synth();
    // THEN the new delivery is seen
    expect(keys(entry(inventoryOf(app, 'alpha'), 'alpha-bot'))).toEqual([
      'project-variable acme/app FIRST_TOKEN',
      'project-variable acme/app SECOND_TOKEN',
    ]);
  });
});

describe('a hand-written variable holding an identity\'s token in the same stack', () => {
  test('its findings are listed in the identity\'s entry', () => {
    // GIVEN an identity's token copied into an unprotected variable by hand (GLID-014, a warning)
    const app = tempApp();
    Aspects.of(app).add(new IdentityPolicyChecks());
    const stack = userStack(app, 'team');
    const identity = new AutomationIdentity(stack, 'reader', request({ purpose: 'reader', capabilities: [Capability.API_READ] }));
    projectVariable(stack, identity.token, 'copy', { key: 'COPY_TOKEN', protected: false });
    // WHEN
    app.synth();
    // THEN a reviewer reading the identity's entry sees where its secret went, and the warning about it
    const reader = entry(inventoryOf(app, 'team'), 'team-reader');
    expect(keys(reader)).toEqual(['project-variable acme/app COPY_TOKEN']);
    expect(reader.findings.map((f) => `${f.level} ${f.ruleId} ${f.path}`)).toEqual(['warning GLID-014 team/copy']);
  });
});
