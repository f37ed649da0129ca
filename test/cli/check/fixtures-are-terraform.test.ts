/**
 * The HCL the check tests read is Terraform as Terraform reads it: every fixture folder loads with the real
 * CLI (its local modules installed), and the invalid one is rejected by Terraform too. A parser test over
 * text Terraform would refuse would prove nothing about real configurations.
 */
import * as path from 'path';
import { terraformFolderRejection } from '../../support/terraform';

const FIXTURES = path.join(__dirname, 'fixtures');

describe('the check fixtures', () => {
  test.each(['risky', 'clean', 'for-each', 'module-wrap', 'dynamic-rotation', 'cross-module', 'json-config'])(
    'GIVEN fixtures/%s WHEN Terraform loads it THEN it is accepted', async (name) => {
      expect(await terraformFolderRejection(path.join(FIXTURES, name))).toBeUndefined();
    }, 60_000);

  test('GIVEN fixtures/invalid-hcl WHEN Terraform loads it THEN Terraform rejects it as check does', async () => {
    expect(await terraformFolderRejection(path.join(FIXTURES, 'invalid-hcl'))).toMatch(/Invalid expression/);
  }, 60_000);
});
