/**
 * Stack names become folder names (`cdktf.out/stacks/<name>`): a name with a path separator or `..` would
 * write a stack's files, and its inventory, outside its own folder, over another stack's or the root.
 */
export function stackNameProblem(name: string, sameNameCount = 1): string | undefined {
  if (name === '' || name === '.' || name === '..' || /[/\\]/.test(name) || name.includes('\u0000') || name.includes('..')) {
    return `stack name ${JSON.stringify(name)} is not allowed: it becomes the folder cdktf.out/stacks/<name>, so it must not be empty, ` +
      "'.', or contain '..', '/' or '\\\\'. Rename the stack (its id).";
  }
  if (sameNameCount > 1) {
    return `${sameNameCount} stacks are named ${JSON.stringify(name)}: cdktf writes each to cdktf.out/stacks/${name}, one over the other. Give each stack its own id.`;
  }
  return undefined;
}
