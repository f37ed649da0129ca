/**
 * The `explain` command's compact specs: `--runtime ci:<project>|external`,
 * `--reach project:<p>|projects:<p,q>|group:<g>:<count>`. Built with the core's factories, so paths and
 * counts get the same checks and messages as in code.
 */
import { PlatformInput, Reach, Runtime } from '../core';
import { CliError } from './cli-error';

export function parseRuntime(spec: string): Runtime {
  if (spec === 'external') return Runtime.external();
  if (spec.startsWith('ci:')) return Runtime.ciPipeline(spec.slice(3));
  throw new CliError(`--runtime must be 'external' or 'ci:<project path>', got '${spec}'. Example: --runtime ci:gitlab-org/gitlab`);
}

export function parseReach(spec: string): Reach {
  const colon = spec.indexOf(':');
  const type = colon < 0 ? spec : spec.slice(0, colon);
  const rest = colon < 0 ? '' : spec.slice(colon + 1);
  switch (type) {
    case 'project':
      return Reach.project(rest);
    case 'projects':
      return Reach.projects(rest.split(',').map((p) => p.trim()));
    case 'group': {
      const last = rest.lastIndexOf(':');
      const countText = last < 0 ? '' : rest.slice(last + 1).trim();
      // Pass what the user typed when it is not a number, so the error shows it.
      const count = /^\d+$/.test(countText) ? Number(countText) : (countText as unknown as number);
      if (last < 0 || countText === '') {
        throw new CliError(`--reach group needs the project count: 'group:<path>:<count>', got '${spec}'. Example: --reach group:gitlab-org:350`);
      }
      return Reach.group(rest.slice(0, last), { projectCount: count });
    }
    default:
      throw new CliError(
        `--reach must be 'project:<path>', 'projects:<path>,<path>' or 'group:<path>:<count>', got '${spec}'. Example: --reach projects:gitlab-org/gitlab,gitlab-org/gitaly`,
      );
  }
}

/**
 * `--platform <offering>:<tier>[:<version>]`, e.g. `gitlab.com:free`, `self-managed:premium:18.6`. The parts
 * are passed on as written: the policy's own checks (INVALID_PLATFORM) name what is wrong with them.
 */
export function parsePlatform(spec: string): PlatformInput {
  const parts = spec.split(':');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
    throw new CliError(`--platform must be '<offering>:<tier>' or '<offering>:<tier>:<version>', got '${spec}'. Example: --platform self-managed:premium:18.6`);
  }
  const [offering, tier, version] = parts;
  return { offering, tier, ...(version !== undefined ? { version } : {}) } as PlatformInput;
}
