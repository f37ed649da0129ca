import { IdentityKind } from '../identity-kind';
import { TokenScope } from '../token-scope';
import { PolicyRule } from './policy-rule';
import { subjectLabel } from './describe';

/** Deploy-token scopes that publish: a leaked token with one of them can push into every project it reaches. */
const WRITE_SCOPES: ReadonlySet<string> = new Set<string>([
  TokenScope.WRITE_REGISTRY,
  TokenScope.WRITE_PACKAGE_REGISTRY,
  TokenScope.WRITE_VIRTUAL_REGISTRY,
]);

export const groupDeployTokenWrite: PolicyRule = {
  id: 'GLID-017',
  name: 'group-deploy-token-write',
  level: 'warning',
  summary: 'A group deploy token can publish to the registries of every project of a large or unknown-size group.',
  explanation:
    'A group deploy token with write_registry, write_package_registry or write_virtual_registry lets whoever holds it push images and ' +
    'packages into every project of the group and its subgroups: one leak poisons what all of them pull. Reading is not flagged. ' +
    'For AutomationIdentity the group size is known and compared with the policy\'s smallGroupMaxProjects; for a raw token it is unknown.',
  fix: 'Name the projects that are published to (Reach.projects) to get one project deploy token each, or suppress with a reason such as the group\'s size.',
  check(c, { policy }) {
    if (c.subject !== 'token' || c.kind !== IdentityKind.GROUP_DEPLOY_TOKEN || c.scopes === undefined) return [];
    // Literal write scopes count even next to a computed entry.
    const listed = c.scopes.known ? c.scopes.value : c.literalScopes ?? [];
    const writes = listed.filter((s) => WRITE_SCOPES.has(s));
    if (writes.length === 0) return [];
    const what = `${subjectLabel(c)} can publish (${writes.join(', ')}) to every project of its group`;
    if (c.plan === undefined) return [{ message: `${what}; its size is unknown to the checks.` }];
    const count = c.plan.reach.projectCount ?? 0;
    return count > policy.smallGroupMaxProjects
      ? [{ message: `${what}: ${count} projects, more than the policy's smallGroupMaxProjects (${policy.smallGroupMaxProjects}).` }]
      : [];
  },
};
