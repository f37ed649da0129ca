/** What every renderer receives and returns. */
import { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { IdentityPlan } from '../../core';
import { IdentityStackSupport } from '../stack-support';

export interface RenderContext {
  /** The AutomationIdentity: parent of every resource rendered. */
  readonly scope: Construct;
  readonly plan: IdentityPlan;
  readonly support: IdentityStackSupport;
  /** Top-level group owning the service account (service-account plans only). */
  readonly serviceAccountGroup?: string;
  /** Username of the service account (service-account plans only). */
  readonly serviceAccountUsername?: string;
}

/** A token the identity issued: where it is granted, and references to its secret. */
export interface IssuedToken {
  /**
   * Where the token lives: its project or group (access, deploy and trigger tokens), the service account's
   * group, or `user <id>` for a bot user's personal token.
   */
  readonly target: string;
  readonly tokenName: string;
  /** Reference to the provider's sensitive `token` attribute. Never a value. */
  readonly value: string;
  /** Deploy tokens only: reference to the generated username. */
  readonly username?: string;
  readonly resource: TerraformResource;
}
