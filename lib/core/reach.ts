/** What an automation touches (DESIGN.md §3). */
import { errors } from './errors';
import { sortPaths, validatePath } from './gitlab-path';

export enum ReachType {
  /** One named project. */
  PROJECT = 'project',
  /** A list of named projects. */
  PROJECTS = 'projects',
  /** A whole group, subgroups included. */
  GROUP = 'group',
}

/** Plain, serialisable form of a reach, as it appears in plans and inventories. */
export interface ReachDescription {
  readonly type: ReachType;
  /** Reached projects, sorted (for `project` and `projects`). */
  readonly projects?: readonly string[];
  /** Reached group (for `group`). */
  readonly group?: string;
  /** How many projects the group holds (for `group`). */
  readonly projectCount?: number;
}

/** Options of {@link Reach.group}. */
export interface GroupReachOptions {
  /**
   * How many projects the group holds, subgroups included. Decides whether a group token is acceptable
   * (policy `smallGroupMaxProjects`) and is shown to reviewers as the blast radius.
   */
  readonly projectCount: number;
}

/** Brands Reach values of every copy of the library in one process. */
const REACH_BRAND = Symbol.for('cdktf-gitlab-identity.Reach');

/**
 * What the automation touches. Create with {@link Reach.project}, {@link Reach.projects} or
 * {@link Reach.group}. Some projects of a group are a list of projects, not the group.
 *
 * @example Reach.projects(['gitlab-org/gitlab-runner', 'gitlab-org/charts/gitlab-runner'])
 */
export class Reach {
  /** A single project, by full path. */
  public static project(path: string): Reach {
    return new Reach(ReachType.PROJECT, [validatePath(path, 'project', 'reach.project')]);
  }

  /** Named projects, by full path. At least one; no duplicates (compared case-insensitively). */
  public static projects(paths: readonly string[]): Reach {
    if (!Array.isArray(paths)) {
      throw errors.invalidType('reach.projects', 'an array of project paths', paths, "Use Reach.projects(['group/project-a', 'group/project-b']).");
    }
    if (paths.length === 0) throw errors.emptyProjectList('reach.projects');
    const seen: string[] = [];
    const firstIndex = new Map<string, number>();
    // An index loop, not forEach: forEach skips the holes of sparse arrays.
    for (let i = 0; i < paths.length; i++) {
      const path = validatePath(paths[i], 'project', `reach.projects[${i}]`);
      const first = firstIndex.get(path.toLowerCase());
      if (first !== undefined) throw errors.duplicateProject(`reach.projects[${i}]`, path, first);
      firstIndex.set(path.toLowerCase(), i);
      seen.push(path);
    }
    return new Reach(ReachType.PROJECTS, seen);
  }

  /** A whole group and everything under it. */
  public static group(path: string, options: GroupReachOptions): Reach {
    const group = validatePath(path, 'group', 'reach.group');
    const count: unknown = options === null || typeof options !== 'object' ? undefined : options.projectCount;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
      throw errors.invalidProjectCount('reach.projectCount', count);
    }
    return new Reach(ReachType.GROUP, [], group, count);
  }

  /** True when `value` is a Reach made by this library's factories. */
  public static isReach(value: unknown): value is Reach {
    // Also from another copy of the library in the same app (its own class, the same brand).
    return value instanceof Reach || (typeof value === 'object' && value !== null && REACH_BRAND in value);
  }

  /** Reached projects, sorted; empty for a group reach. */
  public readonly projects: readonly string[];

  private constructor(
    public readonly type: ReachType,
    projects: readonly string[],
    /** The reached group, for a group reach. */
    public readonly group?: string,
    /** Projects in the reached group, for a group reach. */
    public readonly projectCount?: number,
  ) {
    Object.defineProperty(this, REACH_BRAND, { value: true });
    this.projects = Object.freeze(sortPaths(projects));
    Object.freeze(this);
  }

  /** True when the reach is exactly one project (a one-element list counts). */
  public get isSingleProject(): boolean {
    return this.type !== ReachType.GROUP && this.projects.length === 1;
  }

  /** The plain description used in plans and inventories. */
  public describe(): ReachDescription {
    return this.type === ReachType.GROUP
      ? Object.freeze({ type: this.type, group: this.group, projectCount: this.projectCount })
      : Object.freeze({ type: this.type, projects: this.projects });
  }

  public toString(): string {
    return this.type === ReachType.GROUP
      ? `group ${this.group} (${this.projectCount} projects)`
      : this.projects.length === 1
        ? `project ${this.projects[0]}`
        : `projects ${this.projects.join(', ')}`;
  }
}
