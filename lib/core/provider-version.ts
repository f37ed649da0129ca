/**
 * Which GitLab provider versions a stack allows, and which of them have token bugs the library must warn of.
 *
 * Terraform version constraints (developer.hashicorp.com/terraform/language/expressions/version-constraints):
 * comma-separated conditions, each `=`, `!=`, `>`, `>=`, `<`, `<=`, `~>` or none (`=`) and a version of up to
 * three numbers; `~> 1.2` allows >= 1.2 and < 2.0, `~> 1.2.3` allows >= 1.2.3 and < 1.3.0. Pre-releases are
 * matched only exactly and are not modelled here.
 */

/** A version as three numbers. */
export type Version = readonly [number, number, number];

/**
 * Provider releases before 18.8.1 have token-rotation bugs (provider CHANGELOG and tracker): 18.7.x reports
 * "Provider produced inconsistent result after apply" when it rotates a token (issue #6689,
 * `validate_past_expiration_date`), fixed for project, group, personal and service-account tokens in 18.8.0
 * (MR !2841); 18.8.0 moved service-account tokens to the group service-account API and broke `group` given
 * as a full path, fixed in 18.8.1 ("Fix a bug where group full namespace values caused errors when used with
 * `group` instead of the ID"). The bindings this library is built with (@cdktf/provider-gitlab 15.6.2) pin 18.6.1.
 */
export const FIRST_PROVIDER_WITHOUT_ROTATION_BUGS: Version = [18, 8, 1];

/** `18.8.1`. */
export function formatVersion(v: Version): string {
  return v.join('.');
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

interface Condition {
  readonly op: '=' | '!=' | '>' | '>=' | '<' | '<=';
  readonly version: Version;
}

// A pre-release suffix (`18.9.0-beta1`) is read as its release: conservative, since a pre-release sorts below it.
const CONDITION = /^\s*(=|!=|>=|<=|>|<|~>)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-[0-9A-Za-z.-]+)?\s*$/;

/** The conditions of a constraint string, with `~>` expanded; undefined when it is not a constraint Terraform accepts. */
export function parseConstraint(constraint: string): Condition[] | undefined {
  const conditions: Condition[] = [];
  for (const part of constraint.split(',')) {
    const m = CONDITION.exec(part);
    if (!m) return undefined;
    const op = m[1] ?? '=';
    const [major, minor, patch] = [Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0)];
    if (op === '~>') {
      conditions.push({ op: '>=', version: [major, minor, patch] });
      // Only the last given number may grow: `~> 18` and `~> 18.6` stay below 19, `~> 18.6.1` below 18.7.
      conditions.push({ op: '<', version: m[4] !== undefined ? [major, minor + 1, 0] : [major + 1, 0, 0] });
    } else {
      conditions.push({ op: op as Condition['op'], version: [major, minor, patch] });
    }
  }
  return conditions;
}

function satisfies(v: Version, c: Condition): boolean {
  const d = compare(v, c.version);
  switch (c.op) {
    case '=': return d === 0;
    case '!=': return d !== 0;
    case '>': return d > 0;
    case '>=': return d >= 0;
    case '<': return d < 0;
    case '<=': return d <= 0;
  }
}

/**
 * The lowest release the conditions allow below `ceiling`, or undefined when they allow none. Candidates are
 * each lower bound (and the patch after an exclusive one), stepping over `!=` exclusions: the lowest allowed
 * version is always one of them.
 */
export function lowestAllowedBelow(conditions: readonly Condition[], ceiling: Version): Version | undefined {
  const starts: Version[] = [[0, 0, 0]];
  for (const c of conditions) {
    if (c.op === '=' || c.op === '>=') starts.push(c.version);
    if (c.op === '>' || c.op === '!=') starts.push([c.version[0], c.version[1], c.version[2] + 1]);
  }
  const allowed = starts
    .filter((v) => compare(v, ceiling) < 0 && conditions.every((c) => satisfies(v, c)))
    .sort(compare);
  return allowed[0];
}
