/** Which attributes must never depend on generated prose (the prose-stability test in test/constructs uses the list). */
import { stableAttributesOf } from '../../lib/core';

test('every attribute that replaces or is create-only is stable, once each; unknown types have none', () => {
  expect(stableAttributesOf('time_rotating')).toEqual(['rfc3339', 'triggers', 'rotation_days', 'rotation_hours', 'rotation_minutes', 'rotation_months', 'rotation_years', 'rotation_rfc3339']);
  expect(stableAttributesOf('gitlab_project_access_token')).toEqual(expect.arrayContaining(['project', 'name', 'scopes', 'access_level']));
  const stable = stableAttributesOf('gitlab_project_access_token') as readonly string[];
  expect(new Set(stable).size).toBe(stable.length);
  expect(stableAttributesOf('gitlab_unknown_thing')).toBeUndefined();
});
