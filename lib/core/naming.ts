/**
 * Token naming (DESIGN.md §5): `<prefix><owner>-<purpose>`, plus `-<target>` where one identity emits a
 * token per project. Names are visible to everyone who can see the project and are the bot user's name,
 * so they say who owns the automation and what it does. Invalid input is rejected with a suggestion; it is
 * never rewritten silently, because a renamed token is a recreated token.
 */
import { errors } from './errors';

/** Lowercase words of `a-z0-9` joined by single hyphens, starting with a letter. */
export const NAME_PART_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** A whole token name: the same shape as a name part. */
export const TOKEN_NAME_PATTERN = NAME_PART_PATTERN;

/** The closest valid name part to `value`: what an error offers as the fix. */
export function suggestNamePart(value: unknown, fallback: string): string {
  if (typeof value !== 'string') return fallback;
  const slug = slugify(value).replace(/^[^a-z]+/, '');
  return slug === '' ? fallback : slug;
}

/** Lowercase, runs of anything outside `a-z0-9` become one hyphen, no hyphen at either end. */
export function slugify(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Throws INVALID_NAME_PART unless `value` is a valid owner or purpose. */
export function validateNamePart(value: unknown, field: 'owner' | 'purpose'): string {
  if (typeof value !== 'string' || !NAME_PART_PATTERN.test(value)) {
    throw errors.invalidNamePart(field, value, suggestNamePart(value, field === 'owner' ? 'platform-team' : 'automation'));
  }
  return value;
}

/** True when `name` follows the naming rule and fits `maxLength`. */
export function isValidTokenName(name: string, maxLength: number): boolean {
  return name.length <= maxLength && TOKEN_NAME_PATTERN.test(name);
}

/** The identity's base name. Parts must already be valid. */
export function baseTokenName(prefix: string, owner: string, purpose: string): string {
  return `${prefix}${owner}-${purpose}`;
}

/**
 * Short, unique, deterministic suffixes for the projects of one identity: the project's own name where
 * that is unique among them, else its whole path; a counter settles what slugs still collide.
 */
export function targetSuffixes(paths: readonly string[]): ReadonlyMap<string, string> {
  const lastSegment = (p: string) => slugify(p.slice(p.lastIndexOf('/') + 1)) || 'project';
  const wholePath = (p: string) => slugify(p) || 'project';
  const counts = new Map<string, number>();
  for (const p of paths) counts.set(lastSegment(p), (counts.get(lastSegment(p)) ?? 0) + 1);

  const result = new Map<string, string>();
  const used = new Set<string>();
  for (const p of paths) {
    const short = lastSegment(p);
    let suffix = counts.get(short) === 1 ? short : wholePath(p);
    for (let n = 2; used.has(suffix); n++) suffix = `${counts.get(short) === 1 ? short : wholePath(p)}-${n}`;
    used.add(suffix);
    result.set(p, suffix);
  }
  return result;
}

/** Throws NAME_TOO_LONG when `name` exceeds `maxLength`; `context` says where the name's parts came from. */
export function checkNameLength(
  name: string,
  maxLength: number,
  context: { readonly prefix: string; readonly target?: string; readonly suffix?: string },
): void {
  if (name.length > maxLength) throw errors.nameTooLong(name, maxLength, context);
}
