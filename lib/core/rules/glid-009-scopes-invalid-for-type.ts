import { KIND_SCOPE_FAMILY, SCOPES_ALLOWED_FOR_KIND } from '../least-privilege-tables';
import { TokenScope } from '../token-scope';
import { PolicyRule } from './policy-rule';
import { subjectLabel } from './describe';

export const scopesInvalidForType: PolicyRule = {
  id: 'GLID-009',
  name: 'scopes-invalid-for-type',
  level: 'error',
  summary: 'A token\'s scope list is empty or holds scopes its resource type does not accept.',
  explanation:
    'Each token type accepts its own scopes (provider 18.6.1): deploy tokens have no API scopes, project tokens no virtual-registry scopes, ' +
    'read_user exists only for personal tokens. A wrong scope fails at plan or grants something unintended.',
  fix: 'Use at least one scope, and only scopes the resource type accepts: deploy tokens take repository, registry and package-registry scopes; project and group tokens have no read_user; project tokens no virtual-registry scopes.',
  check(c, _context) {
    if (c.subject !== 'token' || KIND_SCOPE_FAMILY[c.kind] === 'none' || c.scopes === undefined) return [];
    if (!c.scopes.known) return []; // GLID-022
    if (c.scopes.value.length === 0) return [{ message: `${subjectLabel(c)} has an empty scope list.`, attribute: 'scopes' }];
    const allowed = SCOPES_ALLOWED_FOR_KIND[c.kind];
    const invalid = c.scopes.value.filter((s) => !allowed.has(s as TokenScope));
    return invalid.length > 0 ? [{ message: `${subjectLabel(c)} has scopes ${invalid.join(', ')}, which ${c.resourceType} does not accept.`, attribute: 'scopes' }] : [];
  },
};
