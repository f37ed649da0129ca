/**
 * Deploy tokens: one per reached project, or one on the group; expiry and replacement from a time_rotating
 * (or, with overlap, from the identity's two slots).
 */
import { GroupDeployToken } from '@cdktf/provider-gitlab/lib/group-deploy-token';
import { ProjectDeployToken } from '@cdktf/provider-gitlab/lib/project-deploy-token';
import { IdentityKind } from '../../core';
import { pathId } from '../construct-ids';
import { IssuedToken, RenderContext } from './render-context';
import { scheduledTokens } from './slots';

export function renderDeployTokens(ctx: RenderContext): IssuedToken[] {
  const { scope, plan } = ctx;
  const issuer = scheduledTokens(ctx);
  return plan.grants.map((g) => issuer.issue(g.target, g.tokenName as string, pathId('DeployToken', g.target), (id, name, renewal) => {
    const common = { name, scopes: [...plan.scopes], expiresAt: renewal.expiresAt as string, lifecycle: renewal.lifecycle };
    return plan.kind === IdentityKind.GROUP_DEPLOY_TOKEN
      ? new GroupDeployToken(scope, id, { group: g.target, ...common })
      : new ProjectDeployToken(scope, id, { project: g.target, ...common });
  }, true));
}
