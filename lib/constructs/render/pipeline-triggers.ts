/** Pipeline trigger tokens: one per reached project, replaced on a time_rotating schedule (they cannot expire). */
import { PipelineTrigger } from '@cdktf/provider-gitlab/lib/pipeline-trigger';
import { pathId } from '../construct-ids';
import { IssuedToken, RenderContext } from './render-context';
import { createRotation } from './rotation';

export function renderPipelineTriggers(ctx: RenderContext): IssuedToken[] {
  const { scope, plan } = ctx;
  const { lifecycle } = createRotation(ctx);
  return plan.grants.map((g) => {
    const trigger = new PipelineTrigger(scope, pathId('Trigger', g.target), {
      project: g.target,
      // Trigger tokens have no name attribute: the description carries the token name for reviewers.
      description: `${g.tokenName as string}: ${plan.rationale[0]}`.slice(0, 255),
      lifecycle,
    });
    return { target: g.target, tokenName: g.tokenName as string, value: trigger.token, resource: trigger };
  });
}
