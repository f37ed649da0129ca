/**
 * Which constructs a policy checks instance has already reported on. Lets AutomationIdentity enforce its own
 * plan's errors when no IdentityPolicyChecks ran, without reporting them twice when one did.
 */
import { IConstruct } from 'constructs';

const checked = new WeakSet<IConstruct>();

export function markChecked(construct: IConstruct): void {
  checked.add(construct);
}

export function wasChecked(construct: IConstruct): boolean {
  return checked.has(construct);
}
