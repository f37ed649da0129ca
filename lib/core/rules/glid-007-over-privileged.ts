import { ACCESS_LEVEL_VALUE, AccessLevel, isAccessLevel } from '../access-level';
import { KIND_NAMES_ITS_TARGET } from '../kind-traits';
import { scopesCover } from '../scopes';
import { TokenScope, isTokenScope } from '../token-scope';
import { GrantCredential, MembershipCredential } from './credential';
import { PolicyRule, RuleViolation } from './policy-rule';
import { subjectLabel } from './describe';


/** A membership or allowlist entry an identity rendered, moved (by an override) to a place its plan does not grant. */
function movedGrant(c: MembershipCredential | GrantCredential): RuleViolation | undefined {
  if (c.plan === undefined || c.target === undefined || !c.target.value.known) return undefined;
  const planned = c.plan.grants.filter((g) => g.targetType === c.target?.type).map((g) => g.target.toLowerCase());
  const target = c.target.value.value;
  if (planned.includes(target.toLowerCase())) return undefined;
  return { message: `${subjectLabel(c)} is on ${c.target.type} ${target}, which its plan does not reach (${c.plan.grants.map((g) => g.target).join(', ') || 'none'}).` };
}

export const overPrivileged: PolicyRule = {
  id: 'GLID-007',
  name: 'over-privileged',
  level: 'error',
  summary: 'An AutomationIdentity holds a higher role or broader scopes than its capabilities need.',
  explanation:
    'The library plans the lowest role and the smallest scopes for the declared capabilities. An explicit accessLevel above that, ' +
    'or a rendered resource changed through an escape hatch, grants more than the automation does.',
  fix: 'Remove the explicit accessLevel or the override; if the automation really needs more, declare the capability that needs it.',
  check(c): RuleViolation[] {
    if (c.subject === 'grant' || c.subject === 'membership') {
      const moved = movedGrant(c);
      if (moved) return [moved];
    }
    if ((c.subject !== 'token' && c.subject !== 'membership') || c.plan === undefined) return [];
    const out: RuleViolation[] = [];
    const planned = c.plan.accessLevel;
    const actual = c.accessLevel;
    if (planned !== undefined && actual?.known && isAccessLevel(actual.value) &&
        ACCESS_LEVEL_VALUE[actual.value] > ACCESS_LEVEL_VALUE[planned]) {
      out.push({ message: `${subjectLabel(c)} has access_level ${actual.value}, above the planned ${planned as AccessLevel}.`, attribute: 'access_level' });
    }
    // A rendered token moved (by an override) to a project or group its plan does not grant.
    if (c.subject === 'token' && c.target && c.target.type !== 'user' && !c.target.value.includes('${') && KIND_NAMES_ITS_TARGET[c.kind] &&
        !c.plan.grants.some((g) => g.target.toLowerCase() === c.target?.value.toLowerCase())) {
      out.push({ message: `${subjectLabel(c)} is on ${c.target.type} ${c.target.value}, which its plan does not reach (${c.plan.grants.map((g) => g.target).join(', ')}).` });
    }
    if (c.subject === 'token' && c.scopes?.known) {
      const extra = c.scopes.value.filter((s) => !isTokenScope(s) || !scopesCover(c.plan?.scopes ?? [], [s as TokenScope]));
      if (extra.length > 0) out.push({ message: `${subjectLabel(c)} has scopes ${extra.join(', ')} beyond the planned ${c.plan.scopes.join(', ') || 'none'}.`, attribute: 'scopes' });
    }
    return out;
  },
};
