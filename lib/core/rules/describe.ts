/** Wording shared by rule messages. */
import { Credential } from './credential';

/** `gitlab_project_access_token 'quality-triage'`, or the resource type alone when the name is unknown. */
export function subjectLabel(c: Credential): string {
  if (c.subject === 'output') return c.address ?? 'output';
  if (c.subject === 'sink') return c.place;
  if (c.subject === 'module') return c.address;
  if (c.subject === 'provider-requirement') return 'the stack';
  if (c.subject === 'token' && c.name?.known) return `${c.resourceType} '${c.name.value}'`;
  if (c.subject === 'variable' && c.key?.known) return `${c.resourceType} '${c.key.value}'`;
  return c.resourceType;
}
