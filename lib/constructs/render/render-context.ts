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
  /** Custom email of the service account (service-account plans only). */
  readonly contactEmail?: string;
}

/** A token the identity issued: where it is granted, and references to its secret. */
export interface IssuedToken {
  /** Project or group the token belongs to or acts on. */
  readonly target: string;
  readonly tokenName: string;
  /** Reference to the provider's sensitive `token` attribute. Never a value. */
  readonly value: string;
  /** Deploy tokens only: reference to the generated username. */
  readonly username?: string;
  readonly resource: TerraformResource;
}
