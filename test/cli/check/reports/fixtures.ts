/** CheckResults the report tests share: every level, every location field, suppressions, and a hostile one. */
import { CheckFinding, CheckResult } from '../../../../lib/cli/check/check-result';

export const OWNER: CheckFinding = {
  ruleId: 'GLID-006',
  level: 'error',
  message: 'project access token bot has access_level owner.',
  fix: 'Use the lowest role the automation needs; maintainer at most.',
  location: {
    file: 'stacks/ci/cdk.tf.json',
    line: 12,
    address: 'gitlab_project_access_token.bot',
    attribute: 'access_level',
    constructPath: 'ci/bot/token',
    source: { file: 'src/ci.ts', line: 40 },
  },
};

export const NO_EXPIRY: CheckFinding = {
  ruleId: 'GLID-001',
  level: 'warning',
  message: 'group access token deploy has no expiry.',
  location: { file: 'main.tf', line: 3, address: 'gitlab_group_access_token.deploy' },
};

export const NOTE: CheckFinding = {
  ruleId: 'GLID-022',
  level: 'info',
  message: 'cannot verify scopes: computed at apply.',
  location: { file: 'plan.json', address: 'module.m.gitlab_project_access_token.t["a"]' },
};

export const SUPPRESSED: CheckFinding = {
  ruleId: 'GLID-010',
  level: 'error',
  message: 'group access token reaches every project of group platform.',
  location: { file: 'main.tf', line: 20, address: 'gitlab_group_access_token.platform' },
  suppressedBy: { id: 'GLID-010', reason: 'group is 4 projects, owned by one team' },
};

export const SUPPRESSION_PROBLEM: CheckFinding = {
  ruleId: 'GLID-000',
  level: 'warning',
  message: 'suppression of unknown rule "GLID-999" is ignored',
  location: { file: 'stacks/ci/cdk.tf.json', constructPath: 'ci/team' },
};

/** Everything a message, reason or path may hold that could break a format. */
export const HOSTILE_TEXT = 'a\nb\r\nc\rd "q" \'s\' <x> & </failure> ]]> \u0000 \u001b[31m \u0007 \t \uFFFF \uD800 é 😀';

export const HOSTILE: CheckFinding = {
  ruleId: 'GLID-012',
  level: 'error',
  message: HOSTILE_TEXT,
  fix: HOSTILE_TEXT,
  location: { file: 'we"ird <dir>/a b#c&d.tf', line: 7, address: HOSTILE_TEXT, constructPath: HOSTILE_TEXT, attribute: HOSTILE_TEXT },
  suppressedBy: undefined,
};

export const HOSTILE_SUPPRESSED: CheckFinding = {
  ...HOSTILE,
  level: 'warning',
  suppressedBy: { id: 'GLID-012', reason: HOSTILE_TEXT },
};

export const RESULT: CheckResult = {
  findings: [NO_EXPIRY, SUPPRESSED, NOTE, SUPPRESSION_PROBLEM, OWNER],
  files: ['main.tf', 'plan.json', 'stacks/ci/cdk.tf.json', 'stacks/clean/cdk.tf.json'],
};

export const HOSTILE_RESULT: CheckResult = {
  findings: [HOSTILE, HOSTILE_SUPPRESSED],
  files: [HOSTILE.location.file, `clean ${HOSTILE_TEXT}.tf`],
};

export const EMPTY: CheckResult = { findings: [], files: [] };

/** The finding moved: same everything, another line. */
export function movedTo(f: CheckFinding, line: number | undefined): CheckFinding {
  return { ...f, location: { ...f.location, line } };
}
