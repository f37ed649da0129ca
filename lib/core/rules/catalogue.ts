/** Every stack-wide policy rule, in ID order. RULES.md lists exactly these (a test checks it). */
import { tokenWithoutExpiry } from './glid-001-token-without-expiry';
import { triggerWithoutRotation } from './glid-002-trigger-without-rotation';
import { lifetimeTooLong } from './glid-003-lifetime-too-long';
import { rotateBeforeInvalid } from './glid-004-rotate-before-invalid';
import { accessLevelOmitted } from './glid-005-access-level-omitted';
import { ownerAccessLevel } from './glid-006-owner-access-level';
import { overPrivileged } from './glid-007-over-privileged';
import { adminScopes } from './glid-008-admin-scopes';
import { scopesInvalidForType } from './glid-009-scopes-invalid-for-type';
import { groupAccessToken } from './glid-010-group-access-token';
import { personalAccessToken } from './glid-011-personal-access-token';
import { secretInOutput } from './glid-012-secret-in-output';
import { variableNotMaskedHidden } from './glid-013-variable-not-masked-hidden';
import { variableNotProtected } from './glid-014-variable-not-protected';
import { tokenNameReused } from './glid-015-token-name-reused';
import { naming } from './glid-016-naming';
import { groupDeployTokenWrite } from './glid-017-group-deploy-token-write';
import { deliveryOutsideRuntime } from './glid-018-delivery-outside-runtime';
import { serviceAccountCustomEmail } from './glid-019-service-account-custom-email';
import { providerRotationBugs } from './glid-020-provider-rotation-bugs';
import { differsFromPlan } from './glid-021-differs-from-plan';
import { unverifiableAttribute } from './glid-022-unverifiable-attribute';
import { secretInPlainSink } from './glid-023-secret-in-plain-sink';
import { administratorRequired } from './glid-024-administrator-required';
import { serviceAccountTokenRotation } from './glid-025-service-account-token-rotation';
import { PolicyRule } from './policy-rule';

export const POLICY_RULES: readonly PolicyRule[] = Object.freeze([
  tokenWithoutExpiry, triggerWithoutRotation, lifetimeTooLong, rotateBeforeInvalid, accessLevelOmitted, ownerAccessLevel,
  overPrivileged, adminScopes, scopesInvalidForType, groupAccessToken, personalAccessToken, secretInOutput,
  variableNotMaskedHidden, variableNotProtected, tokenNameReused, naming, groupDeployTokenWrite, deliveryOutsideRuntime,
  serviceAccountCustomEmail, providerRotationBugs, differsFromPlan, unverifiableAttribute, secretInPlainSink,
  administratorRequired, serviceAccountTokenRotation,
]);

/** Rule by ID, or undefined. */
export function policyRule(id: string): PolicyRule | undefined {
  return POLICY_RULES.find((r) => r.id === id);
}
