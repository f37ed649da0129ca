/**
 * CI job token: an inbound allowlist entry on each reached project other than the source. The accessed
 * project owns the allowlist (`project`); the source project is the one allowed in (`target_project_id`).
 */
import { ProjectJobTokenScope } from '@cdktf/provider-gitlab/lib/project-job-token-scope';
import { pathId } from '../construct-ids';
import { IssuedToken, RenderContext } from './render-context';
import { numberAttributeOf } from './wired-reference';

export function renderJobTokenAllowlist({ scope, plan, support }: RenderContext): IssuedToken[] {
  for (const g of plan.grants) {
    const source = support.project(g.source as string);
    new ProjectJobTokenScope(scope, pathId('Allowlist', g.target), {
      project: g.target,
      targetProjectId: numberAttributeOf(source, 'id'),
    });
  }
  return []; // no secret: jobs use $CI_JOB_TOKEN
}
