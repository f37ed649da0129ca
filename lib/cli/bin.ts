#!/usr/bin/env node
// Entry point of the `gitlab-identity` command.
import { runCliAsync } from './program';

void runCliAsync(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
