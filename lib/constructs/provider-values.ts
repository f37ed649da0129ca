/**
 * The one place where the library's vocabulary becomes provider strings (STYLE.md 5). Provider 18.6.1
 * takes roles as lowercase words; `no one` and `minimal` are never emitted.
 */
import { AccessLevel } from '../core';

const PROVIDER_ACCESS_LEVEL: Readonly<Record<AccessLevel, string>> = Object.freeze({
  [AccessLevel.GUEST]: 'guest',
  [AccessLevel.PLANNER]: 'planner',
  [AccessLevel.REPORTER]: 'reporter',
  [AccessLevel.DEVELOPER]: 'developer',
  [AccessLevel.MAINTAINER]: 'maintainer',
  [AccessLevel.OWNER]: 'owner',
});

export function providerAccessLevel(level: AccessLevel): string {
  return PROVIDER_ACCESS_LEVEL[level];
}

/** Colour of the automation:bot-authored label. */
export const BOT_AUTHORED_LABEL_COLOR = '#6699cc';
export const BOT_AUTHORED_LABEL_DESCRIPTION = 'Opened by an automation (managed by cdktf-gitlab-identity).';
