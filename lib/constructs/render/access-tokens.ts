/**
 * Project access token, group access token and a bot user's personal access token: one token each, with
 * provider-managed rotation. Project and group tokens carry an explicit role (never the provider's maintainer
 * default); a personal token has none of its own: it acts with its user's memberships.
 */
import { GroupAccessToken } from '@cdktf/provider-gitlab/lib/group-access-token';
import { PersonalAccessToken } from '@cdktf/provider-gitlab/lib/personal-access-token';
import { ProjectAccessToken } from '@cdktf/provider-gitlab/lib/project-access-token';
import { AccessLevel, IdentityPlan } from '../../core';
import { providerAccessLevel } from '../provider-values';
import { IssuedToken, once, RenderContext } from './render-context';

/** `rotation_configuration` from the plan's lifetime and rotate-before. */
export function rotationConfiguration(plan: IdentityPlan) {
  return { expirationDays: plan.lifetimeDays as number, rotateBeforeDays: plan.rotateBeforeDays as number };
}

/**
 * `description` forces a new token in the provider. It is a stable function of declared inputs, and Terraform
 * ignores later changes to it, so that tokens created by 0.1.0 (whose description carried the rationale) are
 * not revoked by an upgrade, nor by any future change of wording.
 */
export const DESCRIPTION_IS_SET_ONCE = { ignoreChanges: ['description'] };

/** What project and group access tokens share: the role is always explicit, never the provider default. */
function accessTokenConfig(plan: IdentityPlan) {
  return {
    name: plan.name,
    description: plan.description,
    lifecycle: DESCRIPTION_IS_SET_ONCE,
    scopes: [...plan.scopes],
    accessLevel: providerAccessLevel(plan.accessLevel as AccessLevel),
    rotationConfiguration: rotationConfiguration(plan),
  };
}

export function renderProjectAccessToken({ scope, plan }: RenderContext): IssuedToken[] {
  const target = plan.grants[0].target;
  const token = new ProjectAccessToken(scope, 'Token', { project: target, ...accessTokenConfig(plan) });
  return [{ target, tokenName: plan.name, get value() { return once(this, 'value', () => token.token); }, resource: token }];
}

export function renderGroupAccessToken({ scope, plan }: RenderContext): IssuedToken[] {
  const target = plan.grants[0].target;
  const token = new GroupAccessToken(scope, 'Token', { group: target, ...accessTokenConfig(plan) });
  return [{ target, tokenName: plan.name, get value() { return once(this, 'value', () => token.token); }, resource: token }];
}

export function renderPersonalAccessToken({ scope, plan }: RenderContext): IssuedToken[] {
  // Creating a token for another user needs an administrator: the README says so.
  const token = new PersonalAccessToken(scope, 'Token', {
    userId: plan.botUserId as number,
    name: plan.name,
    description: plan.description,
    lifecycle: DESCRIPTION_IS_SET_ONCE,
    scopes: [...plan.scopes],
    rotationConfiguration: rotationConfiguration(plan),
  });
  return [{ target: `user ${plan.botUserId as number}`, tokenName: plan.name, get value() { return once(this, 'value', () => token.token); }, resource: token }];
}
