/** Scope computation: the smallest set covering the capabilities for a kind (DESIGN.md §4). */
import { Capability } from './capability';
import { IdentityKind } from './identity-kind';
import { ACCESS_TOKEN_SCOPES, DEPLOY_TOKEN_SCOPES, KIND_SCOPE_FAMILY, SCOPE_SUBSUMES } from './least-privilege-tables';
import { TokenScope, sortScopes } from './token-scope';

/**
 * The scopes `scope` grants besides itself. Scopes written by hand in the Terraform JSON reach here
 * unvalidated, so only the table's own keys count (`constructor` is no scope, not Object's constructor).
 */
function subsumedBy(scope: string): readonly TokenScope[] {
  return Object.prototype.hasOwnProperty.call(SCOPE_SUBSUMES, scope) ? SCOPE_SUBSUMES[scope as TokenScope] ?? [] : [];
}

/** True when `scope` is granted by some other scope in `scopes` (or is in it). */
export function isCoveredBy(scope: TokenScope, scopes: ReadonlySet<TokenScope>): boolean {
  if (scopes.has(scope)) return true;
  for (const s of scopes) if (subsumedBy(s).includes(scope)) return true;
  return false;
}

/** Removes scopes that another scope of the set already grants; sorted canonically. */
export function minimizeScopes(scopes: Iterable<TokenScope>): TokenScope[] {
  const set = new Set(scopes);
  return sortScopes([...set].filter((s) => !(isSubsumedWithin(s, set))));
}

function isSubsumedWithin(scope: TokenScope, set: ReadonlySet<TokenScope>): boolean {
  for (const other of set) if (other !== scope && subsumedBy(other).includes(scope)) return true;
  return false;
}

/** True when every scope of `needed` is granted by `granted`. */
export function scopesCover(granted: Iterable<TokenScope>, needed: Iterable<TokenScope>): boolean {
  const set = new Set(granted);
  for (const s of needed) if (!isCoveredBy(s, set)) return false;
  return true;
}

/** The scopes each capability contributes for `kind`, for the rationale. Empty for kinds without scopes. */
export function scopesPerCapability(kind: IdentityKind, capabilities: readonly Capability[]): [Capability, readonly TokenScope[]][] {
  const family = KIND_SCOPE_FAMILY[kind];
  if (family === 'none') return [];
  return capabilities.map((c) => {
    const scopes = family === 'deploy-token' ? DEPLOY_TOKEN_SCOPES[c] : ACCESS_TOKEN_SCOPES[c];
    if (scopes === null) {
      // The decision rules only pick a deploy token when every capability has deploy scopes.
      throw new Error(`internal: ${c} has no ${family} scopes but ${kind} was chosen`);
    }
    return [c, scopes];
  });
}

/** The minimal, sorted scopes for `kind` covering `capabilities`. */
export function scopesFor(kind: IdentityKind, capabilities: readonly Capability[]): TokenScope[] {
  return minimizeScopes(scopesPerCapability(kind, capabilities).flatMap(([, s]) => s));
}
