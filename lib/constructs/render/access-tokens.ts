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
import { lapseCheck } from './lapse-check';
import { IssuedToken, RenderContext } from './render-context';
import { MakeToken, Renewal, TokenIssuer, tokenIssuer } from './slots';

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
function accessTokenConfig(plan: IdentityPlan, name: string, renewal: Renewal) {
  return {
    name,
    description: plan.description,
    scopes: [...plan.scopes],
    accessLevel: providerAccessLevel(plan.accessLevel as AccessLevel),
    ...renewal,
    lifecycle: { ...DESCRIPTION_IS_SET_ONCE, ...renewal.lifecycle },
  };
}

/**
 * Access, personal and service-account tokens: rotated in place by the provider, with the lapse check on the
 * date it computes; with overlap, one per slot.
 */
export function rotatedTokens(ctx: RenderContext): TokenIssuer {
  return tokenIssuer(ctx, (name) => ({
    rotationConfiguration: rotationConfiguration(ctx.plan),
    lifecycle: { postcondition: [lapseCheck(ctx.plan, 'date', name)] },
  }));
}

export function renderProjectAccessToken(ctx: RenderContext): IssuedToken[] {
  const { scope, plan } = ctx;
  const target = plan.grants[0].target;
  return [rotatedTokens(ctx).issue(target, plan.name, 'Token', (id, name, renewal) => new ProjectAccessToken(scope, id, { project: target, ...accessTokenConfig(plan, name, renewal) }))];
}

export function renderGroupAccessToken(ctx: RenderContext): IssuedToken[] {
  const { scope, plan } = ctx;
  const target = plan.grants[0].target;
  return [rotatedTokens(ctx).issue(target, plan.name, 'Token', (id, name, renewal) => new GroupAccessToken(scope, id, { group: target, ...accessTokenConfig(plan, name, renewal) }))];
}

/** A personal access token of `userId` (a bot user, or an instance service account). Creating one needs an administrator. */
export function personalAccessToken(ctx: RenderContext, userId: number): MakeToken {
  return (id, name, renewal) => new PersonalAccessToken(ctx.scope, id, {
    userId,
    name,
    description: ctx.plan.description,
    scopes: [...ctx.plan.scopes],
    ...renewal,
    lifecycle: { ...DESCRIPTION_IS_SET_ONCE, ...renewal.lifecycle },
  });
}

export function renderPersonalAccessToken(ctx: RenderContext): IssuedToken[] {
  const userId = ctx.plan.botUserId as number;
  return [rotatedTokens(ctx).issue(`user ${userId}`, ctx.plan.name, 'Token', personalAccessToken(ctx, userId))];
}
