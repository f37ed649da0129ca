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
import { PersonalAccessToken } from '@cdktf/provider-gitlab/lib/personal-access-token';
import { ProjectMembership } from '@cdktf/provider-gitlab/lib/project-membership';
import { TerraformResource } from 'cdktf';
import { AccessLevel } from '../../core';
import { pathId } from '../construct-ids';
import { providerAccessLevel } from '../provider-values';
import { DESCRIPTION_IS_SET_ONCE, rotationConfiguration } from './access-tokens';
import { IssuedToken, once, RenderContext } from './render-context';
import { createRotation } from './rotation';
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

function issued(target: string, tokenName: string, token: TerraformResource & { readonly token: string }): IssuedToken[] {
  return [{ target, tokenName, get value() { return once(this, 'value', () => token.token); }, resource: token }];
}

export function renderServiceAccount(ctx: RenderContext): IssuedToken[] {
  const { scope, plan } = ctx;
  const group = ctx.serviceAccountGroup as string;
  const account = new GroupServiceAccount(scope, 'ServiceAccount', { group, ...accountConfig(ctx) });
  // The provider exposes the account id as a string; memberships and tokens take a number.
  const userId = numberAttributeOf(account, 'service_account_id');
  renderMemberships(ctx, userId);
  const common = { group, userId, name: plan.name, scopes: [...plan.scopes] };
  if (plan.tokenReplacedOnSchedule !== undefined) {
    // Before GitLab 17.9 rotation cannot choose a lifetime (the plan's GLID-025 says so): a fixed date,
    // replaced on the schedule deploy tokens use.
    const { expiresOn, lifecycle } = createRotation(ctx);
    return issued(group, plan.name, new GroupServiceAccountAccessToken(scope, 'Token', { ...common, expiresAt: expiresOn, lifecycle }));
  }
  return issued(group, plan.name, new GroupServiceAccountAccessToken(scope, 'Token', { ...common, rotationConfiguration: rotationConfiguration(plan) }));
}

export function renderInstanceServiceAccount(ctx: RenderContext): IssuedToken[] {
  const { scope, plan } = ctx;
  const account = new InstanceServiceAccount(scope, 'ServiceAccount', accountConfig(ctx));
  const userId = numberAttributeOf(account, 'service_account_id');
  renderMemberships(ctx, userId);
  const token = new PersonalAccessToken(scope, 'Token', {
    userId,
    name: plan.name,
    description: plan.description,
    lifecycle: DESCRIPTION_IS_SET_ONCE,
    scopes: [...plan.scopes],
    rotationConfiguration: rotationConfiguration(plan),
  });
  return issued(`instance service account ${ctx.serviceAccountUsername as string}`, plan.name, token);
}
