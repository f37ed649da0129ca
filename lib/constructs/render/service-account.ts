/**
 * Service accounts with a membership on exactly the reached projects (or the reached group), and their
 * personal access token: a group service account and its gitlab_group_service_account_access_token, or an
 * instance service account and a gitlab_personal_access_token for it (both need an administrator; the plan
 * warns with GLID-024).
 */
import { GroupMembership } from '@cdktf/provider-gitlab/lib/group-membership';
import { GroupServiceAccount } from '@cdktf/provider-gitlab/lib/group-service-account';
import { GroupServiceAccountAccessToken } from '@cdktf/provider-gitlab/lib/group-service-account-access-token';
import { InstanceServiceAccount } from '@cdktf/provider-gitlab/lib/instance-service-account';
import { ProjectMembership } from '@cdktf/provider-gitlab/lib/project-membership';
import { AccessLevel } from '../../core';
import { pathId } from '../construct-ids';
import { providerAccessLevel } from '../provider-values';
import { personalAccessToken, rotatedTokens } from './access-tokens';
import { IssuedToken, RenderContext } from './render-context';
import { scheduledTokens } from './slots';
import { numberAttributeOf } from './wired-reference';

/** The account's fields: always with an explicit username (see lib/core/service-account-username.ts). */
function accountConfig(ctx: RenderContext) {
  const { plan } = ctx;
  return {
    name: plan.name,
    username: ctx.serviceAccountUsername as string,
    ...(plan.serviceAccountEmail !== undefined ? { email: plan.serviceAccountEmail } : {}),
  };
}

/** A membership per grant, for the account whose numeric id is `userId`. */
function renderMemberships({ scope, plan, support }: RenderContext, userId: number): void {
  for (const g of plan.grants) {
    const accessLevel = providerAccessLevel(g.accessLevel as AccessLevel);
    if (g.targetType === 'project') {
      new ProjectMembership(scope, pathId('Membership', g.target), { project: g.target, userId, accessLevel });
    } else {
      new GroupMembership(scope, pathId('Membership', g.target), { groupId: support.group(g.target).groupId, userId, accessLevel });
    }
  }
}

export function renderServiceAccount(ctx: RenderContext): IssuedToken[] {
  const { scope, plan } = ctx;
  const group = ctx.serviceAccountGroup as string;
  const account = new GroupServiceAccount(scope, 'ServiceAccount', { group, ...accountConfig(ctx) });
  // The provider exposes the account id as a string; memberships and tokens take a number.
  const userId = numberAttributeOf(account, 'service_account_id');
  renderMemberships(ctx, userId);
  // Before GitLab 17.9 rotation cannot choose a lifetime (the plan's GLID-025 says so): a fixed date, replaced
  // on the schedule deploy tokens use.
  const issuer = plan.tokenReplacedOnSchedule !== undefined ? scheduledTokens(ctx) : rotatedTokens(ctx);
  return [issuer.issue(group, plan.name, 'Token', (id, name, renewal) => new GroupServiceAccountAccessToken(scope, id, { group, userId, name, scopes: [...plan.scopes], ...renewal }))];
}

export function renderInstanceServiceAccount(ctx: RenderContext): IssuedToken[] {
  const { scope, plan } = ctx;
  // Memberships and the token take the account's numeric id.
  const account = new InstanceServiceAccount(scope, 'ServiceAccount', accountConfig(ctx));
  const userId = numberAttributeOf(account, 'service_account_id');
  renderMemberships(ctx, userId);
  return [rotatedTokens(ctx).issue(`instance service account ${ctx.serviceAccountUsername as string}`, plan.name, 'Token', personalAccessToken(ctx, userId))];
}
