/**
 * Pipeline trigger tokens: one per reached project, replaced on a time_rotating schedule (they cannot
 * expire), or, with overlap, one in each of the identity's two slots.
 */
import { PipelineTrigger } from '@cdktf/provider-gitlab/lib/pipeline-trigger';
import { MAX_DESCRIPTION_LENGTH } from '../../core';
import { pathId } from '../construct-ids';
import { IssuedToken, RenderContext } from './render-context';
import { scheduledTokens } from './slots';

export function renderPipelineTriggers(ctx: RenderContext): IssuedToken[] {
  const { scope, plan } = ctx;
  // No lapse check: a trigger has no expiry to check, only its schedule.
  const issuer = scheduledTokens(ctx);
  return plan.grants.map((g) => issuer.issue(g.target, g.tokenName as string, pathId('Trigger', g.target), (id, name, renewal) => new PipelineTrigger(scope, id, {
    project: g.target,
    // Trigger tokens have no name attribute: the description carries the token name for reviewers, and
    // only declared inputs (never the rationale), so a reworded release changes nothing in Terraform.
    description: `${name}: ${plan.description}`.slice(0, MAX_DESCRIPTION_LENGTH),
    lifecycle: renewal.lifecycle,
  })));
}
