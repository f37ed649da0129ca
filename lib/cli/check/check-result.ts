/**
 * What `gitlab-identity check` found, in the shape every report format is written from. Findings come from
 * the policy engine (lib/core/engine) run over Terraform read from cdk.tf.json, HCL or a plan; each one is
 * placed at a file and line so that GitLab can show it in the merge request.
 */
import { FindingLevel } from '../../core';

/** Where a finding is. */
export interface FindingLocation {
  /** The file, relative to the repository root (the current directory), with `/` separators. */
  readonly file: string;
  /** 1-based line of the attribute, or of the block when the attribute is absent. Plans have none. */
  readonly line?: number;
  /** Terraform address (`gitlab_project_access_token.bot`, `module.m.gitlab_group_access_token.t["a"]`). */
  readonly address?: string;
  /** The attribute the finding is about, when it names one (`access_level`). */
  readonly attribute?: string;
  /** cdk.tf.json: the construct path cdktf recorded. */
  readonly constructPath?: string;
  /** cdk.tf.json synthesized with cdktf's stack traces on: where the user's code declared the construct. */
  readonly source?: { readonly file: string; readonly line: number };
}

export interface CheckFinding {
  /** `GLID-006`. */
  readonly ruleId: string;
  readonly level: FindingLevel;
  /** One line; never a secret. */
  readonly message: string;
  /** How to fix it (the rule's fix), when the message does not already say. */
  readonly fix?: string;
  readonly location: FindingLocation;
  /** Present when a suppression silenced it: still listed in every report, with its reason. */
  readonly suppressedBy?: { readonly id: string; readonly reason: string };
}

export interface CheckResult {
  /** Findings in canonical order: file, line, rule ID, message. */
  readonly findings: readonly CheckFinding[];
  /** Every file that was read (relative, `/` separators), in order. */
  readonly files: readonly string[];
}

/** `--fail-on`: the lowest level that makes `check` exit 2 (`never`: always exit 0 when the input was read). */
export type FailOn = 'error' | 'warning' | 'never';

/** `--format`. */
export type ReportFormat = 'text' | 'json' | 'codequality' | 'sarif' | 'junit';
