import { FIRST_PROVIDER_WITHOUT_ROTATION_BUGS, formatVersion, lowestAllowedBelow, parseConstraint } from '../provider-version';
import { PolicyRule } from './policy-rule';

const FLOOR = formatVersion(FIRST_PROVIDER_WITHOUT_ROTATION_BUGS);

export const providerRotationBugs: PolicyRule = {
  id: 'GLID-020',
  name: 'provider-rotation-bugs',
  level: 'warning',
  summary: `A stack that rotates tokens allows a GitLab provider older than ${FLOOR}, whose token rotation is broken.`,
  explanation:
    'Provider releases before 18.8.0 report "Provider produced inconsistent result after apply" when they rotate a project, group, ' +
    'personal or service-account token (issue #6689, fixed by MR !2841 in 18.8.0), and 18.8.0 broke service-account tokens whose group ' +
    `is given as a path (fixed in 18.8.1). A scheduled apply then fails exactly when a token is renewed. @cdktf/provider-gitlab 15.6.2 ` +
    'pins 18.6.1. Judged on terraform.required_providers.gitlab.version in the JSON the stack writes; a missing constraint allows any ' +
    'version, and a constraint that is not a literal cannot be judged, so both are reported.',
  fix: `Raise the constraint to '>= ${FLOOR}': in HCL, version in required_providers' gitlab entry; in CDKTF, ` +
    `stack.addOverride('terraform.required_providers.gitlab.version', '>= ${FLOOR}') (the bindings still work: ` +
    'the token resources they use are unchanged). Then terraform init -upgrade.',
  check(c) {
    if (c.subject !== 'provider-requirement' || c.rotatingTokens.length === 0) return [];
    const tokens = `${c.rotatingTokens.length} token${c.rotatingTokens.length === 1 ? '' : 's'} rotated by the provider`;
    if (c.constraint === undefined) return [{ message: `the stack has ${tokens} and requires no GitLab provider version, so any release below ${FLOOR} may be installed.` }];
    if (!c.constraint.known) {
      return [{ message: `the stack has ${tokens} and its GitLab provider version is an expression (${c.constraint.expression}), which cannot be checked against ${FLOOR}.` }];
    }
    const conditions = parseConstraint(c.constraint.value);
    if (conditions === undefined) return [{ message: `the stack has ${tokens} and its GitLab provider version '${c.constraint.value}' cannot be read as a version constraint, so it cannot be checked against ${FLOOR}.` }];
    const lowest = lowestAllowedBelow(conditions, FIRST_PROVIDER_WITHOUT_ROTATION_BUGS);
    if (lowest === undefined) return [];
    return [{
      message: `the stack has ${tokens} and allows GitLab provider ${formatVersion(lowest)} ('${c.constraint.value}'), older than ${FLOOR}: ` +
        'rotation fails with "inconsistent result after apply" there.',
    }];
  },
};
