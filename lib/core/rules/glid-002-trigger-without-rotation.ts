import { IdentityKind } from '../identity-kind';
import { PolicyRule } from './policy-rule';

export const triggerWithoutRotation: PolicyRule = {
  id: 'GLID-002',
  name: 'trigger-without-rotation',
  level: 'error',
  summary: 'A pipeline trigger token is never replaced.',
  explanation: 'Trigger tokens cannot expire. Unless Terraform replaces them on a schedule, a leaked trigger token starts pipelines forever. ' +
    'Naming a time_rotating in replace_triggered_by does not replace it: an expired time_rotating is planned as a create, and Terraform fires ' +
    'replace_triggered_by only on an update or a replacement (hashicorp/terraform-provider-time#118).',
  fix: 'Add a terraform_data with triggers_replace = [time_rotating.<name>.rotation_rfc3339], and lifecycle { replace_triggered_by = [terraform_data.<name>], ' +
    'create_before_destroy = true } on the trigger; or declare it with AutomationIdentity.',
  check(c) {
    if (c.subject !== 'token' || c.kind !== IdentityKind.PIPELINE_TRIGGER_TOKEN || c.replacedOnSchedule) return [];
    return [{ message: 'gitlab_pipeline_trigger is never replaced: trigger tokens cannot expire, so it must rotate on a time_rotating schedule.' }];
  },
};
