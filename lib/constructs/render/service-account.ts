/**
 * A group service account with a membership on exactly the reached projects (or the reached group), and
 * its personal access token with provider-managed rotation.
 */
import { GroupMembership } from '@cdktf/provider-gitlab/lib/group-membership';
import { GroupServiceAccount } from '@cdktf/provider-gitlab/lib/group-service-account';
import { GroupServiceAccountAccessToken } from '@cdktf/provider-gitlab/lib/group-service-account-access-token';
import { ProjectMembership } from '@cdktf/provider-gitlab/lib/project-membership';
import { AccessLevel } from '../../core';
import { pathId } from '../construct-ids';
import { providerAccessLevel } from '../provider-values';
import { rotationConfiguration } from './access-tokens';
import { IssuedToken, once, RenderContext } from './render-context';
import { numberAttributeOf } from './wired-reference';

export function renderServiceAccount(ctx: RenderContext): IssuedToken[] {
  const { scope, plan, support } = ctx;
  const group = ctx.serviceAccountGroup as string;
  const account = new GroupServiceAccount(scope, 'ServiceAccount', {
    group,
    name: plan.name,
    // Always explicit: provider 18.6.1 does not compute it, so leaving it out churns the account (see
    // lib/core/service-account-username.ts).
    username: ctx.serviceAccountUsername as string,
    ...(plan.serviceAccountEmail !== undefined ? { email: plan.serviceAccountEmail } : {}),
  });
  // The provider exposes the account id as a string; memberships and tokens take a number.
  const userId = numberAttributeOf(account, 'service_account_id');

  for (const g of plan.grants) {
    const accessLevel = providerAccessLevel(g.accessLevel as AccessLevel);
    if (g.targetType === 'project') {
      new ProjectMembership(scope, pathId('Membership', g.target), { project: g.target, userId, accessLevel });
    } else {
      new GroupMembership(scope, pathId('Membership', g.target), { groupId: support.group(g.target).groupId, userId, accessLevel });
    }
  }

  const token = new GroupServiceAccountAccessToken(scope, 'Token', {
    group,
    userId,
    name: plan.name,
    scopes: [...plan.scopes],
    rotationConfiguration: rotationConfiguration(plan),
  });
  return [{ target: group, tokenName: plan.name, get value() { return once(this, 'value', () => token.token); }, resource: token }];
}
