import { ADMIN_SCOPES } from '../least-privilege-tables';
import { TokenScope } from '../token-scope';
import { PolicyRule } from './policy-rule';
import { subjectLabel } from './describe';

export const adminScopes: PolicyRule = {
  id: 'GLID-008',
  name: 'admin-scopes',
  level: 'error',
  summary: 'A token carries an administrator scope (sudo, admin_mode, read_service_ping).',
  explanation: 'Admin scopes act as any user or in admin mode across the whole instance: no automation identity needs them.',
  fix: 'Remove the admin scopes; use a service account with memberships on the projects it needs.',
  check(c) {
    if (c.subject !== 'token' || c.scopes === undefined) return [];
    // Literal admin scopes are admin scopes even next to a computed entry.
    const listed = c.scopes.known ? c.scopes.value : c.literalScopes ?? [];
    const admin = listed.filter((s) => ADMIN_SCOPES.has(s as TokenScope));
    return admin.length > 0 ? [{ message: `${subjectLabel(c)} has admin scopes ${admin.join(', ')}.`, attribute: 'scopes' }] : [];
  },
};
