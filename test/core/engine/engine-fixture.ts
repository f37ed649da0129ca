/**
 * Helpers for the engine's tests: hand-written Terraform JSON checked with the default policy, and the
 * findings, credentials and inventory entries a test asserts on.
 */
import {
  Capability,
  DEFAULT_POLICY,
  EngineFinding,
  IdentityBinding,
  IdentityPlan,
  InventoryEntry,
  Reach,
  Runtime,
  StackReport,
  TerraformConfig,
  checkApp,
  inventoriesFromReports,
  planIdentity,
  resolvePolicy,
} from '../../../lib/core';
import { Described } from '../../../lib/core/rules/credential';

/** An overlapping identity (two token slots renewed in turn): read_api on acme/app, 30 days rotated 7 before. */
export const OVERLAP_PLAN: IdentityPlan = planIdentity({
  owner: 'team', purpose: 'overlap', runtime: Runtime.external(), reach: Reach.project('acme/app'),
  capabilities: [Capability.API_READ], lifetimeDays: 30, rotateBeforeDays: 7, overlap: true,
});

/** A provider constraint without the rotation bugs, so GLID-020 stays out of the way. */
export const PROVIDER = { required_providers: { gitlab: { source: 'gitlabhq/gitlab', version: '>= 18.8.1' } } };

/** A project access token that every rule accepts: reporter, read_api, rotated 90/14 days. */
export function compliantToken(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'team-reader',
    project: 'acme/app',
    access_level: 'reporter',
    scopes: ['read_api'],
    rotation_configuration: { expiration_days: 90, rotate_before_days: 14 },
    ...overrides,
  };
}

/** A stack holding `resources` (and anything else given), with the provider constraint set. */
export function stack(parts: Record<string, unknown>): TerraformConfig {
  return { terraform: { ...PROVIDER }, ...parts } as TerraformConfig;
}

export interface StackSpec {
  readonly name: string;
  readonly config: TerraformConfig;
  readonly identities?: readonly IdentityBinding[];
}

export function checkStacks(specs: readonly StackSpec[]): StackReport[] {
  return checkApp(specs.map((s) => ({ name: s.name, config: s.config, policies: [resolvePolicy(DEFAULT_POLICY)], identities: s.identities ?? [] })));
}

export function check(config: TerraformConfig, identities: readonly IdentityBinding[] = []): StackReport {
  return checkStacks([{ name: 'team', config, identities }])[0];
}

/** Findings of a rule that are not suppressed. */
export function active(report: StackReport, ruleId?: string): EngineFinding[] {
  return report.findings.filter((f) => f.suppressedBy === undefined && (ruleId === undefined || f.ruleId === ruleId));
}

export function ruleIds(report: StackReport): string[] {
  return [...new Set(active(report).map((f) => f.ruleId))].sort();
}

export function messages(report: StackReport, ruleId: string): string[] {
  return active(report, ruleId).map((f) => f.message);
}

export function credential(report: StackReport, address: string): Described {
  const found = report.credentials.find((c) => 'address' in c && c.address === address);
  if (!found) throw new Error(`no credential ${address} in ${report.credentials.map((c) => ('address' in c ? c.address : c.subject)).join(', ')}`);
  return found;
}

export function inventoryOf(reports: readonly StackReport[], stackName = 'team'): InventoryEntry[] {
  const inventory = inventoriesFromReports(reports).find((i) => i.stack === stackName);
  if (!inventory) throw new Error(`no inventory for ${stackName}`);
  return [...inventory.identities];
}

export function entry(reports: readonly StackReport[], name: string, stackName = 'team'): InventoryEntry {
  const found = inventoryOf(reports, stackName).find((e) => e.name === name || e.constructPath === name);
  if (!found) throw new Error(`no inventory entry ${name}`);
  return found;
}
