/**
 * Validation of GitLab full paths (`gitlab-org/quality/triage-ops`). The rules follow GitLab's namespace
 * path format: segments of letters, digits, `_`, `-` and `.`, not starting with `-`, not ending in `.`,
 * `.git` or `.atom`, at most 255 characters each.
 */
import { ErrorCode, errors, fail } from './errors';

const SEGMENT = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/;
const MAX_SEGMENT_LENGTH = 255;

export type PathKind = 'project' | 'group';

/** Returns why `path` is not a valid full path, or undefined when it is. */
function problemWith(path: string, kind: PathKind): string | undefined {
  if (path.length === 0) return 'it is empty';
  if (/\s/.test(path)) return 'it contains white space';
  if (path.includes('://')) return 'it is a URL, not a path';
  if (path.startsWith('/') || path.endsWith('/')) return "it starts or ends with '/'";
  const segments = path.split('/');
  if (segments.some((s) => s.length === 0)) return "it contains an empty segment ('//')";
  if (kind === 'project' && segments.length < 2) return 'a project path needs its namespace, as in namespace/project';
  for (const s of segments) {
    if (!SEGMENT.test(s)) return `segment '${s}' has a character outside letters, digits, '_', '-', '.' or starts with '-'`;
    if (s.endsWith('.') || s.endsWith('.git') || s.endsWith('.atom')) return `segment '${s}' ends in '.', '.git' or '.atom'`;
    if (s.length > MAX_SEGMENT_LENGTH) return `segment '${s.slice(0, 20)}...' is longer than ${MAX_SEGMENT_LENGTH} characters`;
  }
  return undefined;
}

/** A corrected path to offer, when the mistake is a common one (URL pasted, stray slashes, `.git`). */
function suggestionFor(path: string, kind: PathKind): string | undefined {
  let candidate = path.trim();
  const url = /^[a-z][a-z0-9+.-]*:\/\/[^/]+\/(.*)$/i.exec(candidate);
  if (url) candidate = url[1];
  candidate = candidate.replace(/\/-\/.*$/, '').replace(/^\/+|\/+$/g, '').replace(/\/{2,}/g, '/').replace(/\.git$/, '');
  if (candidate !== path && candidate.length > 0 && problemWith(candidate, kind) === undefined) return candidate;
  return undefined;
}

/** Throws INVALID_PATH unless `value` is a valid full path; returns it unchanged. */
export function validatePath(value: unknown, kind: PathKind, field: string): string {
  if (typeof value !== 'string') {
    throw errors.invalidPath(field, kind, value, 'it must be a string');
  }
  const problem = problemWith(value, kind);
  if (problem !== undefined) {
    throw errors.invalidPath(field, kind, value, problem, suggestionFor(value, kind));
  }
  return value;
}

/** GitLab routes compare case-insensitively: `Gitlab-Org/GitLab` and `gitlab-org/gitlab` are one project. */
export function samePath(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Sorts paths by their lowercase form, then by the original (a copy). */
export function sortPaths(paths: Iterable<string>): string[] {
  return [...paths].sort((a, b) => {
    const la = a.toLowerCase();
    const lb = b.toLowerCase();
    if (la !== lb) return la < lb ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

/**
 * A top-level group path (provider 18.6.1 creates service accounts only on top-level groups). Throws `code`
 * with a corrected value when one can be read from the input (a subgroup, a URL).
 */
export function validateTopLevelGroup(value: unknown, field: string, code: ErrorCode): string {
  const problem = "must be a top-level group path such as 'gitlab-org' (provider 18.6.1 creates service accounts only on top-level groups)";
  const top = typeof value === 'string' ? topLevelOf(value) : undefined;
  const fix = top ? `Use '${top}'.` : "Use the group's path as in its URL.";
  let group: string;
  try {
    group = validatePath(value, 'group', field);
  } catch {
    throw fail(code, field, problem, value, fix);
  }
  if (group.includes('/')) throw fail(code, field, problem, value, fix);
  return group;
}

function topLevelOf(value: string): string | undefined {
  const path = value.trim().replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+\//i, '').replace(/^\/+/, '');
  const top = path.split('/')[0];
  return top !== '' && problemWith(top, 'group') === undefined ? top : undefined;
}
