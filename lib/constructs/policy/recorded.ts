/**
 * What the checks report on a construct is kept in the construct tree itself (node metadata), not in module
 * state: it lives exactly as long as the app, and every copy of the library reads it.
 */
import { IConstruct } from 'constructs';
import type { Finding } from '../../core';

export const FINDING_METADATA = 'gitlab-identity/finding';
export const SUPPRESSION_METADATA = 'gitlab-identity/suppression';

/** A suppression as declared: rule, reason and the construct path it was declared on. */
export interface RecordedSuppressionRef {
  readonly id: string;
  readonly reason: string;
  readonly scope: string;
}

/** A finding as reported on a construct, with the suppression that silenced it, if any. */
export interface RecordedFinding extends Finding {
  readonly path: string;
  readonly suppressedBy?: RecordedSuppressionRef;
}

function entries<T>(construct: IConstruct, type: string): T[] {
  return construct.node.metadata.filter((m) => m.type === type).map((m) => m.data as T);
}

export function recordedFindings(construct: IConstruct): RecordedFinding[] {
  return entries<RecordedFinding>(construct, FINDING_METADATA);
}

export function declaredSuppressions(construct: IConstruct): RecordedSuppressionRef[] {
  return entries<RecordedSuppressionRef>(construct, SUPPRESSION_METADATA);
}

/** Records a finding once: synthesizing an app twice reports the same findings again. */
export function recordFinding(construct: IConstruct, f: RecordedFinding): boolean {
  const same = (r: RecordedFinding) => r.ruleId === f.ruleId && r.message === f.message && r.suppressedBy?.id === f.suppressedBy?.id;
  if (recordedFindings(construct).some(same)) return false;
  construct.node.addMetadata(FINDING_METADATA, f);
  return true;
}
