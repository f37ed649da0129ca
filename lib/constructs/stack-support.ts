/**
 * What identities of one stack share: the hashicorp/time provider, data-source lookups of project and
 * group ids, and the bot-authored labels. Created once per stack under the child ID `GitLabIdentity`.
 */
import { Lazy, TerraformProvider, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { DataGitlabGroup } from '@cdktf/provider-gitlab/lib/data-gitlab-group';
import { DataGitlabProject } from '@cdktf/provider-gitlab/lib/data-gitlab-project';
import { GroupLabel } from '@cdktf/provider-gitlab/lib/group-label';
import { ProjectLabel } from '@cdktf/provider-gitlab/lib/project-label';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { BOT_AUTHORED_LABEL, IdentityRequest, LIBRARY_COMMENT_KEY, identityRecord } from '../core';
import { claimLabel } from './app-registry';
import { pathId } from './construct-ids';
import { BrandedIdentity, SUPPORT_BRAND, brand } from './brands';
import { ensureAppChecks } from './policy/app-checks';
import { constructErrors } from './errors';
import { BOT_AUTHORED_LABEL_COLOR, BOT_AUTHORED_LABEL_DESCRIPTION } from './provider-values';

/**
 * The records as one object keyed by identity path. A loop, not Object.fromEntries, which allocated some
 * 8 KB per entry here (4 MB per stack of 500 identities). A path always holds a '/', so no key is
 * `__proto__`.
 */
function recordsByPath(records: readonly [string, string][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, record] of records) out[path] = record;
  return out;
}

/** Child ID of the shared construct under each stack. Part of the construct-ID contract. */
export const STACK_SUPPORT_ID = 'GitLabIdentity';

function isUnaliasedTimeProvider(c: IConstruct): c is TerraformProvider {
  return TerraformProvider.isTerraformProvider(c) && c.terraformResourceType === 'time' && c.alias === undefined;
}

export class IdentityStackSupport extends Construct {
  /** The stack's shared construct, created on first use. */
  public static of(scope: IConstruct): IdentityStackSupport {
    const stack = TerraformStack.of(scope);
    const existing = stack.node.tryFindChild(STACK_SUPPORT_ID);
    // Another copy of the library may have created it: same brand, same methods.
    if (existing !== undefined && SUPPORT_BRAND in existing) return existing as unknown as IdentityStackSupport;
    return new IdentityStackSupport(stack, STACK_SUPPORT_ID);
  }

  private timeProviderChecked = false;
  /** Each identity's path and record (see library-metadata.ts), in creation order. */
  private readonly identities: [string, string][] = [];
  private readonly projects = new Map<string, DataGitlabProject>();
  private readonly groups = new Map<string, DataGitlabGroup>();

  private constructor(private readonly stack: TerraformStack, id: string) {
    super(stack, id);
    brand(this, SUPPORT_BRAND);
    ensureAppChecks(stack);
    // One entry per stack for all its identities, each a JSON string: the token resolver walks objects
    // but only scans strings, and tools plan the requests again.
    stack.addOverride(`//.${LIBRARY_COMMENT_KEY}.identities`, Lazy.anyValue({ produce: () => recordsByPath(this.identities) }));
    this.node.addValidation({
      validate: () => {
        const providers = this.stack.node.findAll().filter(isUnaliasedTimeProvider);
        return providers.length > 1 ? [constructErrors.duplicateTimeProvider(providers.map((p) => p.node.path)).message] : [];
      },
    });
  }

  /** Writes `identity`'s declared request into the stack's JSON (`"//": { "gitlab-identity": { "identities" } }`). */
  public recordIdentity(identity: BrandedIdentity, request: IdentityRequest): void {
    // Construct ids, not addresses: they do not change with overrideLogicalId, and tools map them back
    // through each resource's construct path.
    const prefix = identity.node.path.length + 1;
    this.identities.push([identity.node.path, identityRecord(request, identity.renderedResources.map((r) => r.node.path.slice(prefix)))]);
  }

  /** Makes sure the stack configures hashicorp/time: the user's provider if declared, else ours. */
  public requireTimeProvider(): void {
    if (this.timeProviderChecked) return;
    this.timeProviderChecked = true;
    // One walk per stack, at the first identity that needs it.
    if (!this.stack.node.findAll().some(isUnaliasedTimeProvider)) new TimeProvider(this, 'TimeProvider');
  }

  /** The `gitlab_project` data source for `path` (one per stack and project). */
  public project(path: string): DataGitlabProject {
    const key = path.toLowerCase();
    let lookup = this.projects.get(key);
    if (!lookup) {
      lookup = new DataGitlabProject(this, pathId('Project', path), { pathWithNamespace: path });
      this.projects.set(key, lookup);
    }
    return lookup;
  }

  /** The `gitlab_group` data source for `path` (one per stack and group). */
  public group(path: string): DataGitlabGroup {
    const key = path.toLowerCase();
    let lookup = this.groups.get(key);
    if (!lookup) {
      lookup = new DataGitlabGroup(this, pathId('Group', path), { fullPath: path });
      this.groups.set(key, lookup);
    }
    return lookup;
  }

  /** Ensures the `automation:bot-authored` label exists on a project or group, once per app. */
  public ensureBotAuthoredLabel(targetType: 'project' | 'group', path: string): void {
    const key = `${targetType}:${path.toLowerCase()}`;
    if (!claimLabel(this, key)) return;
    const common = { name: BOT_AUTHORED_LABEL, color: BOT_AUTHORED_LABEL_COLOR, description: BOT_AUTHORED_LABEL_DESCRIPTION };
    if (targetType === 'project') new ProjectLabel(this, pathId('BotAuthoredLabel', path), { project: path, ...common });
    else new GroupLabel(this, pathId('BotAuthoredGroupLabel', path), { group: path, ...common });
  }
}
