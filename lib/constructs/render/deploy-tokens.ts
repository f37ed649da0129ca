/** Deploy tokens: one per reached project, or one on the group; expiry and replacement from a time_rotating. */
import { GroupDeployToken } from '@cdktf/provider-gitlab/lib/group-deploy-token';
import { ProjectDeployToken } from '@cdktf/provider-gitlab/lib/project-deploy-token';
import { IdentityKind } from '../../core';
import { pathId } from '../construct-ids';
import { IssuedToken, once, RenderContext } from './render-context';
import { createRotation } from './rotation';

export function renderDeployTokens(ctx: RenderContext): IssuedToken[] {
  const { scope, plan } = ctx;
  const { expiresAt, lifecycle } = createRotation(ctx);
  return plan.grants.map((g) => {
    const common = { name: g.tokenName as string, scopes: [...plan.scopes], expiresAt, lifecycle };
    const token =
      plan.kind === IdentityKind.GROUP_DEPLOY_TOKEN
        ? new GroupDeployToken(scope, pathId('DeployToken', g.target), { group: g.target, ...common })
        : new ProjectDeployToken(scope, pathId('DeployToken', g.target), { project: g.target, ...common });
    return { target: g.target, tokenName: g.tokenName as string, get value() { return once(this, 'value', () => token.token); }, get username() { return once(this, 'username', () => token.username); }, resource: token };
  });
}
