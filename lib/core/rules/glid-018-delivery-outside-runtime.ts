import { RuntimeType } from '../runtime';
import { PolicyRule } from './policy-rule';
import { subjectLabel } from './describe';

export const deliveryOutsideRuntime: PolicyRule = {
  id: 'GLID-018',
  name: 'delivery-outside-runtime',
  level: 'warning',
  summary: 'An AutomationIdentity that runs in one project\'s CI delivers its token to another project or group; any token in an instance variable (error).',
  explanation:
    'A CI/CD variable is readable by the pipelines and maintainers of the project or group that holds it. When the automation runs in ' +
    'the pipelines of its runtime\'s source project, a copy of its token anywhere else is readable by people and jobs that never use it. ' +
    'Only identities declared with Runtime.ciPipeline are judged for projects and groups: an external runtime reads its secret from ' +
    'wherever it is deployed. An instance variable (gitlab_instance_variable) is readable by the jobs of every project on the instance ' +
    '(on protected branches and tags only, when it is protected), so a token in one is an error whoever planned it.',
  fix: 'Deliver to the runtime\'s source project (Delivery.ciVariable) or to a group that contains it, or correct the runtime; never to an instance variable.',
  check(c) {
    if (c.subject !== 'variable' || !c.holdsToken) return [];
    // GitLab docs (api/instance_level_ci_variables.md; ci/variables/_index.md, "For an instance"): instance
    // variables are available to every project and group on the instance; `protected` narrows that to
    // protected branches and tags, not to a project.
    if (c.resourceType === 'gitlab_instance_variable') {
      return [{
        level: 'error',
        message: `${subjectLabel(c)} puts a token in an instance variable, which the CI jobs of every project on the instance can read.`,
        attribute: 'value',
      }];
    }
    if (c.plan === undefined || c.owner === undefined) return [];
    const { runtime, name } = c.plan;
    if (runtime.type !== RuntimeType.CI_PIPELINE || runtime.sourceProject === undefined) return [];
    const source = runtime.sourceProject.toLowerCase();
    const owner = c.owner.toLowerCase();
    const isGroup = c.resourceType === 'gitlab_group_variable';
    const inside = isGroup ? source.startsWith(`${owner}/`) : source === owner;
    if (inside) return [];
    return [{
      message: `${subjectLabel(c)} puts the token of '${name}' in ${isGroup ? 'group' : 'project'} ${c.owner}, but '${name}' runs in the ` +
        `CI pipelines of ${runtime.sourceProject}${isGroup ? ', which is not in that group' : ''}.`,
    }];
  },
};
