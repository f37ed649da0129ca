/** Dispatch from identity kind to its renderer. */
import { IdentityKind } from '../../core';
import { renderGroupAccessToken, renderPersonalAccessToken, renderProjectAccessToken } from './access-tokens';
import { renderDeployTokens } from './deploy-tokens';
import { renderJobTokenAllowlist } from './job-token-allowlist';
import { renderPipelineTriggers } from './pipeline-triggers';
import { IssuedToken, RenderContext } from './render-context';
import { renderInstanceServiceAccount, renderServiceAccount } from './service-account';

export type { IssuedToken, RenderContext } from './render-context';

const RENDERERS: Readonly<Record<IdentityKind, (ctx: RenderContext) => IssuedToken[]>> = Object.freeze({
  [IdentityKind.CI_JOB_TOKEN]: renderJobTokenAllowlist,
  [IdentityKind.PIPELINE_TRIGGER_TOKEN]: renderPipelineTriggers,
  [IdentityKind.PROJECT_DEPLOY_TOKEN]: renderDeployTokens,
  [IdentityKind.GROUP_DEPLOY_TOKEN]: renderDeployTokens,
  [IdentityKind.PROJECT_ACCESS_TOKEN]: renderProjectAccessToken,
  [IdentityKind.GROUP_ACCESS_TOKEN]: renderGroupAccessToken,
  [IdentityKind.SERVICE_ACCOUNT]: renderServiceAccount,
  [IdentityKind.INSTANCE_SERVICE_ACCOUNT]: renderInstanceServiceAccount,
  [IdentityKind.PERSONAL_ACCESS_TOKEN]: renderPersonalAccessToken,
});

export function renderPlan(ctx: RenderContext): IssuedToken[] {
  return RENDERERS[ctx.plan.kind](ctx);
}
