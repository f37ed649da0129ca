/**
 * Counts how often the stacks of an app were prepared for synthesis. `app.synth()` prepares every stack
 * before it synthesizes any, so a cache built during synthesis is valid until the count changes; the next
 * synth (after the user changed the app) sees a new count. Kept on the root construct under a global symbol,
 * so that every copy of the library loaded in one process reads the same count.
 */
import { IConstruct } from 'constructs';

const GENERATION = Symbol.for('cdktf-gitlab-identity.synthGeneration');

type Counted = IConstruct & { [GENERATION]?: number };

/** Called as each stack is prepared. */
export function notePrepared(scope: IConstruct): void {
  const root = scope.node.root as Counted;
  Object.defineProperty(root, GENERATION, { value: (root[GENERATION] ?? 0) + 1, configurable: true, enumerable: false, writable: false });
}

/** The current count for the app of `scope`. */
export function synthGeneration(scope: IConstruct): number {
  return (scope.node.root as Counted)[GENERATION] ?? 0;
}
