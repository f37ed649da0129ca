import { PolicyRule } from './policy-rule';
import { subjectLabel } from './describe';

export const unverifiableAttribute: PolicyRule = {
  id: 'GLID-022',
  name: 'unverifiable-attribute',
  level: 'error',
  summary: 'An attribute that decides privilege, lifetime, target or secrecy cannot be known at synth, or a module\'s contents cannot be read.',
  explanation:
    'Role, scopes, user, target, memberships, allowlists, expiry, rotation, masked, hidden, protected, sensitive and count/for_each ' +
    'decide what a credential can do. The checks evaluate constants, locals and variable defaults and follow data sources and the ' +
    'service accounts of the stack; a value they still cannot know (a variable without default, a function they do not evaluate, ' +
    'an attribute computed at apply) could be anything at apply, so it fails closed. So does a module call whose files the checks ' +
    'cannot read (a registry, git or URL source, or any module of a cdktf stack): it could create any token, membership or variable.',
  fix: 'Write the value as a literal, a local or a variable with a default, or a reference to a gitlab_project/gitlab_group data source ' +
    'or a service account of the stack; for a module, give the checks its files (a local source, read by gitlab-identity check). If it ' +
    'truly cannot be known before apply, or the module creates nothing GitLab, suppress GLID-022 on this resource or module with the reason.',
  check(c) {
    return (c.unverifiable ?? []).map((u) => ({ message: `${subjectLabel(c)}: cannot verify ${u.attribute}: ${u.reason}.`, attribute: u.attribute }));
  },
};
