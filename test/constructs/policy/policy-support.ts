/**
 * Set-up shared by the policy-check tests: checked stacks, apps that write to a temporary folder, compliant
 * raw provider resources to start from, and readers for findings and annotations.
 *
 * `Testing.synth` runs aspects and validations but never fails on error annotations, so failures are read
 * from `IdentityPolicyChecks.findingsOf` and the annotations, or provoked with `app.synth()`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AnnotationMetadataEntryType, App, Aspects, Fn, TerraformStack, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { GroupAccessToken, GroupAccessTokenConfig } from '@cdktf/provider-gitlab/lib/group-access-token';
import { GroupDeployToken, GroupDeployTokenConfig } from '@cdktf/provider-gitlab/lib/group-deploy-token';
import { GroupServiceAccount } from '@cdktf/provider-gitlab/lib/group-service-account';
import {
  GroupServiceAccountAccessToken,
  GroupServiceAccountAccessTokenConfig,
} from '@cdktf/provider-gitlab/lib/group-service-account-access-token';
import { GroupVariable, GroupVariableConfig } from '@cdktf/provider-gitlab/lib/group-variable';
import { InstanceVariable, InstanceVariableConfig } from '@cdktf/provider-gitlab/lib/instance-variable';
import { PersonalAccessToken, PersonalAccessTokenConfig } from '@cdktf/provider-gitlab/lib/personal-access-token';
import { PipelineTrigger, PipelineTriggerConfig } from '@cdktf/provider-gitlab/lib/pipeline-trigger';
import { ProjectAccessToken, ProjectAccessTokenConfig } from '@cdktf/provider-gitlab/lib/project-access-token';
import { ProjectDeployToken, ProjectDeployTokenConfig } from '@cdktf/provider-gitlab/lib/project-deploy-token';
import { ProjectVariable, ProjectVariableConfig } from '@cdktf/provider-gitlab/lib/project-variable';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { Rotating } from '@cdktf/provider-time/lib/rotating';
import { IdentityPolicyChecks, IdentityPolicyChecksProps, RecordedFinding, resourceAddress } from '../../../lib';
import { userStack } from '../support';
import { RenewalTrigger } from '../../../lib/constructs/render/rotation';

// ---- apps and stacks -------------------------------------------------------------------------------------

const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** An App that writes to a fresh temporary folder, so that `app.synth()` can run for real. */
export function tempApp(): App {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-checks-'));
  outdirs.push(outdir);
  return new App({ outdir });
}

/** A user's stack (its own GitLab provider) with the policy checks added to the stack itself. */
export function checkedStack(props?: IdentityPolicyChecksProps, app: App = tempApp(), id = 'team'): TerraformStack {
  const stack = userStack(app, id);
  Aspects.of(stack).add(new IdentityPolicyChecks(props));
  return stack;
}

/**
 * Synthesizes the app of `stack` as `cdktf synth` does, so that the checks run (an App validation over the
 * JSON written), and ignores the failure that policy errors cause: tests read the findings instead.
 * Returns the failure's message, or undefined.
 */
export function synth(stack: TerraformStack): string | undefined {
  try {
    (stack.node.root as App).synth();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Runs `app.synth()`, which must throw, and returns the message. */
export function synthFailure(app: App): string {
  try {
    app.synth();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected app.synth() to fail on error annotations, but it succeeded');
}

// ---- reading what was reported ---------------------------------------------------------------------------

/** Every finding recorded on `scope` and below by the last synth, in construct order. */
export function findingsIn(scope: IConstruct): RecordedFinding[] {
  return scope.node.findAll().flatMap((c) => [...IdentityPolicyChecks.findingsOf(c)]);
}

/** The findings of one rule, as plain `{ path, level, message }` (suppressions left out). */
export function ruleFindings(scope: IConstruct, ruleId: string): { path: string; level: string; message: string }[] {
  return findingsIn(scope).filter((f) => f.ruleId === ruleId).map(({ path: p, level, message }) => ({ path: p, level, message }));
}

export type AnnotationLevel = 'error' | 'warning' | 'info';

export interface Reported {
  readonly path: string;
  readonly level: AnnotationLevel;
  readonly text: string;
}

const LEVELS: Record<string, AnnotationLevel> = {
  [AnnotationMetadataEntryType.ERROR]: 'error',
  [AnnotationMetadataEntryType.WARN]: 'warning',
  [AnnotationMetadataEntryType.INFO]: 'info',
};

/** Every annotation (error, warning, info) on `scope` and below, in construct order. */
export function annotations(scope: IConstruct): Reported[] {
  return scope.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => LEVELS[m.type] !== undefined)
      .map((m) => ({ path: c.node.path, level: LEVELS[m.type], text: String(m.data) })),
  );
}

/** The annotations of one level. */
export function annotationsAt(scope: IConstruct, level: AnnotationLevel): Reported[] {
  return annotations(scope).filter((a) => a.level === level);
}

// ---- compliant raw provider resources ---------------------------------------------------------------------

export const ROTATION = Object.freeze({ expirationDays: 90, rotateBeforeDays: 14 });

/** A project access token that breaks no rule. */
export function projectToken(scope: Construct, id = 'token', config: Partial<ProjectAccessTokenConfig> = {}): ProjectAccessToken {
  return new ProjectAccessToken(scope, id, {
    project: 'acme/app', name: 'team-bot', scopes: ['read_api'], accessLevel: 'reporter', rotationConfiguration: { ...ROTATION }, ...config,
  });
}

/** A group access token: compliant but for GLID-010, which always warns about raw group tokens. */
export function groupToken(scope: Construct, id = 'group-token', config: Partial<GroupAccessTokenConfig> = {}): GroupAccessToken {
  return new GroupAccessToken(scope, id, {
    group: 'acme', name: 'team-group-bot', scopes: ['read_api'], accessLevel: 'reporter', rotationConfiguration: { ...ROTATION }, ...config,
  });
}

/** The user id of a service account managed in the same stack (what GLID-011 accepts). */
export function serviceAccountUserId(scope: Construct, id = 'account'): number {
  const account = new GroupServiceAccount(scope, id, { group: 'acme', name: 'team-account' });
  return Token.asNumber(Fn.tonumber(account.serviceAccountId));
}

/** A personal access token of a service account managed in the stack. */
export function personalToken(scope: Construct, id = 'personal-token', config: Partial<PersonalAccessTokenConfig> = {}): PersonalAccessToken {
  return new PersonalAccessToken(scope, id, {
    userId: config.userId ?? serviceAccountUserId(scope, `${id}-account`),
    name: 'team-personal-bot', scopes: ['read_api'], rotationConfiguration: { ...ROTATION }, ...config,
  });
}

export function serviceAccountToken(
  scope: Construct, id = 'service-account-token', config: Partial<GroupServiceAccountAccessTokenConfig> = {},
): GroupServiceAccountAccessToken {
  return new GroupServiceAccountAccessToken(scope, id, {
    group: 'acme', userId: config.userId ?? serviceAccountUserId(scope, `${id}-account`),
    name: 'team-service-bot', scopes: ['read_api'], rotationConfiguration: { ...ROTATION }, ...config,
  });
}

/** A time_rotating schedule (and the time provider, once per stack), as deploy and trigger tokens need. */
export function rotating(scope: Construct, id: string): Rotating {
  const stack = TerraformStack.of(scope);
  if (!stack.node.tryFindChild('time')) new TimeProvider(stack, 'time', {});
  return new Rotating(scope, id, { rotationDays: 76 });
}

/**
 * `expires_at` and `lifecycle` of a token replaced on a time_rotating schedule: an instant for deploy tokens, a
 * `YYYY-MM-DD` date (formatdate) for personal and service-account tokens.
 */
export function scheduled(scope: Construct, id: string, as: 'instant' | 'date' = 'instant') {
  const rotation = rotating(scope, `${id}-rotation`);
  const instant = Fn.timeadd(rotation.rotationRfc3339, '336h');
  return {
    expiresAt: as === 'date' ? Fn.formatdate('YYYY-MM-DD', instant) : instant,
    lifecycle: replacedBy(scope, `${id}-renewal`, rotation),
  };
}

export function projectDeployToken(scope: Construct, id = 'deploy-token', config: Partial<ProjectDeployTokenConfig> = {}): ProjectDeployToken {
  return new ProjectDeployToken(scope, id, {
    project: 'acme/app', name: 'team-deploy', scopes: ['read_registry'], ...scheduled(scope, id), ...config,
  });
}

export function groupDeployToken(scope: Construct, id = 'group-deploy-token', config: Partial<GroupDeployTokenConfig> = {}): GroupDeployToken {
  return new GroupDeployToken(scope, id, {
    group: 'acme', name: 'team-group-deploy', scopes: ['read_registry'], ...scheduled(scope, id), ...config,
  });
}

/**
 * Replacement on `rotation`'s schedule, as it works: through a terraform_data replaced with the roll-over instant
 * (naming the time_rotating in replace_triggered_by never fires; lib/constructs/render/rotation.ts).
 */
export function replacedBy(scope: Construct, id: string, rotation: Rotating) {
  // The same terraform_data a user writes with cdktf's DataResource, without the `terraform version` process
  // DataResource starts at every synth (lib/constructs/render/rotation.ts).
  const renewal = new RenewalTrigger(scope, id, { rotation: rotation.rotationRfc3339 });
  return { createBeforeDestroy: true, replaceTriggeredBy: [resourceAddress(renewal)] };
}

/** A pipeline trigger replaced on a time_rotating schedule. */
export function pipelineTrigger(scope: Construct, id = 'trigger', config: Partial<PipelineTriggerConfig> = {}): PipelineTrigger {
  const rotation = rotating(scope, `${id}-rotation`);
  return new PipelineTrigger(scope, id, {
    project: 'acme/app', description: 'team-trigger', lifecycle: replacedBy(scope, `${id}-renewal`, rotation), ...config,
  });
}

/** A masked, hidden, protected project variable holding `value`. */
export function projectVariable(scope: Construct, value: string, id = 'variable', config: Partial<ProjectVariableConfig> = {}): ProjectVariable {
  return new ProjectVariable(scope, id, { project: 'acme/app', key: 'TEAM_TOKEN', value, masked: true, hidden: true, protected: true, ...config });
}

export function groupVariable(scope: Construct, value: string, id = 'group-variable', config: Partial<GroupVariableConfig> = {}): GroupVariable {
  return new GroupVariable(scope, id, { group: 'acme', key: 'TEAM_TOKEN', value, masked: true, hidden: true, protected: true, ...config });
}

/** Instance variables have no `hidden` attribute. */
export function instanceVariable(scope: Construct, value: string, id = 'instance-variable', config: Partial<InstanceVariableConfig> = {}): InstanceVariable {
  return new InstanceVariable(scope, id, { key: 'TEAM_TOKEN', value, masked: true, protected: true, ...config });
}
