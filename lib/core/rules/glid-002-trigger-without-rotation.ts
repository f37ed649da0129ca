import { IdentityKind } from '../identity-kind';
import { PolicyRule } from './policy-rule';

export const triggerWithoutRotation: PolicyRule = {
  id: 'GLID-002',
  name: 'trigger-without-rotation',
  level: 'error',
  summary: 'A pipeline trigger token is never replaced.',
  explanation: 'Trigger tokens cannot expire. Unless Terraform replaces them on a schedule, a leaked trigger token starts pipelines forever.',
  fix: 'Add lifecycle { replace_triggered_by = [time_rotating...] } with create_before_destroy, or declare it with AutomationIdentity.',
  check(c) {
    if (c.subject !== 'token' || c.kind !== IdentityKind.PIPELINE_TRIGGER_TOKEN || c.replacedOnSchedule) return [];
    return [{ message: 'gitlab_pipeline_trigger is never replaced: trigger tokens cannot expire, so it must rotate on a time_rotating schedule.' }];
  },
};
