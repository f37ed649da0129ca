import { PolicyRule } from './policy-rule';

export const secretInPlainSink: PolicyRule = {
  id: 'GLID-023',
  name: 'secret-in-plain-sink',
  level: 'error',
  summary: 'A secret is written where it is not kept secret: a repository file, a webhook, a schedule variable, a description, a module input, a condition message, a provider configuration, a check block.',
  explanation:
    'Outside a masked, hidden CI/CD variable, a sensitive output or a secret store, a token is readable by everyone who can read ' +
    'that place (the repository, the hook receiver, the schedule\'s owners), is printed in plans (a failed precondition\'s message, a ' +
    'check block\'s assert) or is sent where the configuration says (a provider\'s base_url, a check block\'s data source). The checks follow values through ' +
    'locals, functions, indexing, for expressions and other stacks.',
  fix: 'Deliver the token with Delivery.ciVariable (masked, hidden, protected), or write it to a secret store; never into files, hooks or text.',
  check(c) {
    if (c.subject !== 'sink') return [];
    return [{ message: `${c.place} receives the secret of ${c.secrets.join(', ')}.`, ...(c.attribute ? { attribute: c.attribute } : {}) }];
  },
};
