import { PolicyRule } from './policy-rule';

export const secretInOutput: PolicyRule = {
  id: 'GLID-012',
  name: 'secret-in-output',
  level: 'error',
  summary: 'A token\'s secret reaches a Terraform output that is not sensitive.',
  explanation: 'Non-sensitive outputs are printed by plan and apply and stored readably: the token leaks into CI logs.',
  fix: 'Mark the output sensitive: true, or better, deliver the token with Delivery.ciVariable instead of an output.',
  check(c) {
    if (c.subject !== 'output' || !c.holdsToken || c.sensitive) return [];
    return [{ message: 'output exposes a token secret without sensitive: true.' }];
  },
};
