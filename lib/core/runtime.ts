/** Where an automation runs (DESIGN.md §3). */
import { validatePath } from './gitlab-path';

export enum RuntimeType {
  /** A GitLab CI/CD job of a named source project. */
  CI_PIPELINE = 'ci-pipeline',
  /** Anywhere outside GitLab CI: a cluster, a server, a laptop, a SaaS webhook consumer. */
  EXTERNAL = 'external',
}

/** Plain, serialisable form of a runtime, as it appears in plans and inventories. */
export interface RuntimeDescription {
  readonly type: RuntimeType;
  /** The project whose CI jobs run the automation (only for `ci-pipeline`). */
  readonly sourceProject?: string;
}

/** Brands Runtime values of every copy of the library in one process. */
const RUNTIME_BRAND = Symbol.for('cdktf-gitlab-identity.Runtime');

/**
 * Where the automation runs. Create with {@link Runtime.ciPipeline} or {@link Runtime.external}.
 *
 * @example Runtime.ciPipeline('gitlab-org/gitlab')
 */
export class Runtime {
  /** A GitLab CI/CD job of `sourceProject` (full path, e.g. `gitlab-org/gitlab`). */
  public static ciPipeline(sourceProject: string): Runtime {
    return new Runtime(RuntimeType.CI_PIPELINE, validatePath(sourceProject, 'project', 'runtime.sourceProject'));
  }

  /** Outside GitLab CI: the credential is stored and used by another system. */
  public static external(): Runtime {
    return Runtime.EXTERNAL;
  }

  private static readonly EXTERNAL = new Runtime(RuntimeType.EXTERNAL);

  /** True when `value` is a Runtime made by this library's factories. */
  public static isRuntime(value: unknown): value is Runtime {
    // Also from another copy of the library in the same app (its own class, the same brand).
    return value instanceof Runtime || (typeof value === 'object' && value !== null && RUNTIME_BRAND in value);
  }

  private constructor(
    public readonly type: RuntimeType,
    /** The project whose CI jobs run the automation; undefined for external runtimes. */
    public readonly sourceProject?: string,
  ) {
    Object.defineProperty(this, RUNTIME_BRAND, { value: true });
    Object.freeze(this);
  }

  /** The plain description used in plans and inventories. */
  public describe(): RuntimeDescription {
    return this.sourceProject === undefined
      ? Object.freeze({ type: this.type })
      : Object.freeze({ type: this.type, sourceProject: this.sourceProject });
  }

  public toString(): string {
    return this.sourceProject === undefined ? this.type : `${this.type}:${this.sourceProject}`;
  }
}
