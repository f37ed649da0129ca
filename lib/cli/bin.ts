#!/usr/bin/env node
// Entry point of the `gitlab-identity` command.
import { runCli } from './program';

process.exitCode = runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
