import { RuntimeType } from '../runtime';
import { PolicyRule } from './policy-rule';
import { subjectLabel } from './describe';

export const deliveryOutsideRuntime: PolicyRule = {
  id: 'GLID-018',
  name: 'delivery-outside-runtime',
  level: 'warning',
  summary: 'An AutomationIdentity that runs in one project\'s CI delivers its token to another project or group.',
  explanation:
    'A CI/CD variable is readable by the pipelines and maintainers of the project or group that holds it. When the automation runs in ' +
    'the pipelines of its runtime\'s source project, a copy of its token anywhere else is readable by people and jobs that never use it. ' +
    'Only identities declared with Runtime.ciPipeline are judged: an external runtime reads its secret from wherever it is deployed.',
  fix: 'Deliver to the runtime\'s source project (Delivery.ciVariable) or to a group that contains it, or correct the runtime.',
  check(c) {
    if (c.subject !== 'variable' || !c.holdsToken || c.plan === undefined || c.owner === undefined) return [];
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
