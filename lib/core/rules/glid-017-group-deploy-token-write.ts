import { describeDeployTokenWrites } from '../deploy-token-writes';
import { IdentityKind } from '../identity-kind';
import { PolicyRule } from './policy-rule';
import { subjectLabel } from './describe';

export const groupDeployTokenWrite: PolicyRule = {
  id: 'GLID-017',
  name: 'group-deploy-token-write',
  level: 'warning',
  summary: 'A group deploy token can write to the registries of every project of a large or unknown-size group.',
  explanation:
    'A group deploy token with write_registry, write_package_registry or write_virtual_registry lets whoever holds it push images, ' +
    'publish packages or fill the dependency proxy for every project of the group and its subgroups: one leak poisons what all of them ' +
    'pull. Reading is not flagged. For AutomationIdentity the plan reports it when the group is larger than the policy\'s ' +
    'smallGroupMaxProjects; for a raw token the group\'s size is unknown. Scopes are compared in lowercase, as the provider accepts them.',
  fix: 'Name the projects that are written to (Reach.projects) to get one project deploy token each, or suppress with a reason such as the group\'s size.',
  check(c, { policy }) {
    if (c.subject !== 'token' || c.kind !== IdentityKind.GROUP_DEPLOY_TOKEN || c.scopes === undefined) return [];
    // Literal write scopes count even next to a computed entry.
    const listed = c.scopes.known ? c.scopes.value : c.literalScopes ?? [];
    const writes = describeDeployTokenWrites(listed.map((s) => s.toLowerCase()));
    if (writes === undefined) return [];
    if (c.plan === undefined) {
      const group = c.target && !c.target.value.includes('${') ? `group ${c.target.value}` : 'its group';
      return [{ message: `${subjectLabel(c)} can ${writes} for every project of ${group}; the group's size is unknown to the checks.` }];
    }
    // The plan reports it under its own policy; the checks' policy may count the group as large where the plan did not.
    const count = c.plan.reach.projectCount ?? 0;
    if (c.plan.findings.some((f) => f.ruleId === 'GLID-017') || count <= policy.smallGroupMaxProjects) return [];
    return [{
      message: `${subjectLabel(c)} can ${writes} for all ${count} projects of group ${c.plan.reach.group}, more than the policy's ` +
        `smallGroupMaxProjects (${policy.smallGroupMaxProjects}).`,
    }];
  },
};
