/** Pipeline trigger tokens: one per reached project, replaced on a time_rotating schedule (they cannot expire). */
import { PipelineTrigger } from '@cdktf/provider-gitlab/lib/pipeline-trigger';
import { MAX_DESCRIPTION_LENGTH } from '../../core';
import { pathId } from '../construct-ids';
import { IssuedToken, once, RenderContext } from './render-context';
import { createRotation } from './rotation';

export function renderPipelineTriggers(ctx: RenderContext): IssuedToken[] {
  const { scope, plan } = ctx;
  const { lifecycle } = createRotation(ctx);
  return plan.grants.map((g) => {
    const trigger = new PipelineTrigger(scope, pathId('Trigger', g.target), {
      project: g.target,
      // Trigger tokens have no name attribute: the description carries the token name for reviewers, and
      // only declared inputs (never the rationale), so a reworded release changes nothing in Terraform.
      description: `${g.tokenName as string}: ${plan.description}`.slice(0, MAX_DESCRIPTION_LENGTH),
      lifecycle,
    });
    return { target: g.target, tokenName: g.tokenName as string, get value() { return once(this, 'value', () => trigger.token); }, resource: trigger };
  });
}
