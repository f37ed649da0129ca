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
  /**
   * Reference to the provider's sensitive `token` attribute. Never a value. A getter: cdktf records a stack
   * trace for every reference it creates, so references are made only when something uses them.
   */
  readonly value: string;
  /** Deploy tokens only: reference to the generated username. */
  readonly username?: string;
  /** The same values as `${...}` text for the library's own deliveries in the token's stack (wired-reference.ts). */
  readonly wiredValue: string;
  readonly wiredUsername?: string;
  /** Overlapping identities: the names of the two slots' tokens, `<tokenName>-a` and `<tokenName>-b`. */
  readonly slotNames?: readonly string[];
  /** The token (slot a's, for an overlapping identity). */
  readonly resource: TerraformResource;
}

/**
 * The reference `make` creates, made on first use and kept: every cdktf reference records a stack trace, so
 * it is made only when something reads it, and always the same one after that.
 */
export function once(holder: object, key: string, make: () => string): string {
  const value = make();
  Object.defineProperty(holder, key, { value, enumerable: true });
  return value;
}
