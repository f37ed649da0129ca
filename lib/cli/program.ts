/**
 * The `gitlab-identity` command line: check Terraform for risky GitLab credentials, explain a decision, print
 * the inventory of a synthesized app, diff two inventories for review. Exit codes: 0 success, 1 error (one
 * line on stderr), 2 findings at or above --fail-on (check) or an escalation with --fail-on-escalation (diff).
 */
import * as fs from 'fs';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import {
  AccessLevel,
  Capability,
  IdentityPolicy,
  INVENTORY_JSON_FILE,
  diffInventories,
  diffToMarkdown,
  inventoryToJson,
  inventoryToMarkdown,
  isIdentityError,
  planIdentity,
} from '../core';
import { CliError } from './cli-error';
import { FailOn, ReportFormat } from './check/check-result';
import { failsAt, writeCheckReport } from './check/check-command';
import { runCheck } from './check/run-check';
import { packageInfo } from './package-info';
import { explainText } from './explain-text';
import { parsePlatform, parseReach, parseRuntime } from './parse-specs';
import { inventoriesOfApp } from './read-app';
import { readInventories } from './read-inventories';

/** A single identity-inventory.json file (the inventory command prints it as it is). */
const isInventoryFile = (location: string) => location.endsWith(INVENTORY_JSON_FILE) && fs.existsSync(location) && fs.statSync(location).isFile();

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_ESCALATION = 2;

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError(`'${value}' is not a whole number.`);
  return n;
}

function readPolicy(file: string | undefined): IdentityPolicy | undefined {
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new CliError(`cannot read policy file '${file}': no such file`);
  }
  try {
    return JSON.parse(text) as IdentityPolicy;
  } catch (e) {
    throw new CliError(`policy file '${file}' is not valid JSON (${(e as Error).message})`);
  }
}

export function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('gitlab-identity')
    .description('Least-privilege GitLab automation identities: explain decisions, print inventories, review changes.')
    // Usage errors, like every other error: one line on stderr, prefixed with the command's name.
    .configureOutput({
      writeOut: io.out,
      writeErr: io.err,
      outputError: (text, write) => write(`gitlab-identity: ${text.replace(/^error: /, '').trim()} (see --help)\n`),
    })
    .exitOverride()
    .version(packageInfo().version, '-V, --version', 'print the version')
    .addHelpText('after', `
Examples:
  $ gitlab-identity check infra/ --format codequality --output gl-code-quality-report.json
  $ gitlab-identity explain --runtime external --reach projects:gitlab-org/gitlab,gitlab-org/gitaly --capability api:triage
  $ gitlab-identity inventory cdktf.out
  $ gitlab-identity diff target/cdktf.out cdktf.out --fail-on-escalation

Exit codes: ${EXIT_OK} success, ${EXIT_ERROR} error (one line on stderr), ${EXIT_ESCALATION} findings at or above check --fail-on, or an escalation found with diff --fail-on-escalation.`);

  program
    .command('check')
    .description('Check Terraform that manages GitLab (HCL, Terraform JSON, cdktf.out, or a plan from terraform show -json) for risky credentials.')
    .argument('[paths...]', 'cdktf.out folders, folders of Terraform (sub-folders included), single files, or plans', ['cdktf.out'])
    .option('--format <format>', 'report format: text, json, codequality, sarif or junit', oneOf<ReportFormat>('format', ['text', 'json', 'codequality', 'sarif', 'junit']), 'text')
    .option('--output <file>', 'write the report to this file (the text report still goes to the terminal)')
    .option('--fail-on <level>', `exit ${EXIT_ESCALATION} on unsuppressed findings at or above: error, warning or never`, oneOf<FailOn>('fail-on', ['error', 'warning', 'never']), 'error')
    .option('--policy <file>', 'policy options as a JSON file (default: the library defaults)')
    .addHelpText('after', `
Suppress a finding with a reason of at least 10 visible characters: in HCL, a comment on or above the block,
  # gitlab-identity:ignore GLID-014 <reason>
and in Terraform JSON, a "//" key on the block with that same text.
Exit codes: ${EXIT_OK} nothing at or above --fail-on, ${EXIT_ERROR} bad usage or unreadable input, ${EXIT_ESCALATION} findings at or above --fail-on.
Examples:
  $ gitlab-identity check
  $ gitlab-identity check infra/ --format codequality --output gl-code-quality-report.json
  $ terraform show -json plan.out > plan.json && gitlab-identity check plan.json --format sarif --output gl-identity.sarif`)
    .action(async (paths: string[], o) => {
      const result = await runCheck(paths, readPolicy(o.policy));
      writeCheckReport(result, o.format as ReportFormat, o.output as string | undefined, io.out);
      if (failsAt(result, o.failOn as FailOn)) setExitCode(EXIT_ESCALATION);
    });

  program
    .command('explain')
    .description('Print the identity the library chooses for an automation, and why.')
    .requiredOption('--runtime <spec>', "where it runs: 'external' or 'ci:<project>'")
    .requiredOption('--reach <spec>', "what it touches: 'project:<p>', 'projects:<p>,<q>' or 'group:<g>:<project count>'")
    .requiredOption('--capability <capability>', 'what it does (repeat for several), e.g. api:triage', collect, [])
    .option('--owner <team>', 'owning team (first part of the token name)', 'team')
    .option('--purpose <purpose>', 'what it does (second part of the token name)', 'automation')
    .option('--lifetime-days <days>', 'token lifetime', wholeNumber)
    .option('--rotate-before-days <days>', 'replace this many days before expiry', wholeNumber)
    .option('--access-level <level>', 'explicit role (guest ... owner)')
    .option('--bot-user-id <id>', 'existing bot user, for the personal-access-token fallback', wholeNumber)
    .option('--service-account-group <group>', 'top-level group that owns a service account')
    .option('--service-account-username <username>', 'username of a service account')
    .option('--policy <file>', 'policy options as a JSON file')
    .option('--platform <spec>', "the GitLab it is for: '<offering>:<tier>[:<version>]', e.g. gitlab.com:free or self-managed:premium:18.6 (overrides the policy file's)")
    .option('--overlap', 'keep two token slots renewed in turn, so a renewal never revokes the value consumers hold')
    .option('--json', 'print the plan as JSON')
    .addHelpText('after', `
Examples:
  $ gitlab-identity explain --runtime ci:gitlab-org/gitlab --reach project:gitlab-org/gitlab --capability api:triage
  $ gitlab-identity explain --runtime external --reach group:gitlab-org:350 --capability api:read --capability api:triage --json
  $ gitlab-identity explain --runtime external --reach project:acme/app --capability api:read --platform gitlab.com:free
  $ gitlab-identity explain --runtime external --reach project:acme/app --capability api:read --overlap`)
    .action((o) => {
      const plan = planIdentity({
        owner: o.owner,
        purpose: o.purpose,
        runtime: parseRuntime(o.runtime),
        reach: parseReach(o.reach),
        capabilities: o.capability as Capability[],
        policy: o.platform ? { ...readPolicy(o.policy), platform: parsePlatform(o.platform) } : readPolicy(o.policy),
        lifetimeDays: o.lifetimeDays,
        rotateBeforeDays: o.rotateBeforeDays,
        accessLevel: o.accessLevel as AccessLevel | undefined,
        botUserId: o.botUserId,
        serviceAccountGroup: o.serviceAccountGroup,
        serviceAccountUsername: o.serviceAccountUsername,
        ...(o.overlap ? { overlap: true } : {}),
      });
      io.out(o.json ? `${JSON.stringify(plan, null, 2)}\n` : explainText(plan));
    });

  program
    .command('inventory')
    .description('Print the identity inventory of a synthesized app (all stacks).')
    .argument('<location>', 'a cdktf.out folder, a stack folder, a cdk.tf.json, or an identity-inventory.json file')
    .option('--json', 'print the inventories as JSON')
    .option('--policy <file>', 'policy options as a JSON file (default: the library defaults)')
    .addHelpText('after', `
Built from each stack's cdk.tf.json by the checks' own engine; an identity-inventory.json file is printed as it is.
Examples:
  $ gitlab-identity inventory cdktf.out
  $ gitlab-identity inventory cdktf.out/stacks/quality/identity-inventory.json --json`)
    .action((location: string, o) => {
      const inventories = isInventoryFile(location) ? readInventories(location) : inventoriesOfApp(location, readPolicy(o.policy));
      io.out(o.json ? `[\n${inventories.map((i) => inventoryToJson(i).trimEnd()).join(',\n')}\n]\n` : inventoryToMarkdown(inventories));
    });

  program
    .command('diff')
    .description('Review what a change does to identities: added, removed, changed, and escalations of privilege.')
    .argument('<old>', 'the app before the change: a cdktf.out folder (its stacks/*/cdk.tf.json)')
    .argument('<new>', 'the app after the change')
    .option('--fail-on-escalation', `exit ${EXIT_ESCALATION} when the change escalates privilege`)
    .option('--json', 'print the diff as JSON')
    .option('--policy <file>', "policy options as a JSON file, for both sides (take it from the target branch, not the merge request)")
    .addHelpText('after', `
Both sides are computed from cdk.tf.json by the checks' own engine; identity-inventory.* files are ignored.
Exit codes: ${EXIT_OK} no escalation (or not asked to fail), ${EXIT_ERROR} error, ${EXIT_ESCALATION} escalation with --fail-on-escalation.
Examples:
  $ gitlab-identity diff target/cdktf.out cdktf.out
  $ gitlab-identity diff target/cdktf.out cdktf.out --fail-on-escalation --policy target/identity-policy.json`)
    .action((oldLocation: string, newLocation: string, o) => {
      const policy = readPolicy(o.policy);
      const diff = diffInventories(inventoriesOfApp(oldLocation, policy), inventoriesOfApp(newLocation, policy));
      io.out(o.json ? `${JSON.stringify(diff, null, 2)}\n` : diffToMarkdown(diff));
      if (o.failOnEscalation && diff.escalations.length > 0) setExitCode(EXIT_ESCALATION);
    });

  return program;
}

function oneOf<T extends string>(option: string, allowed: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(allowed as readonly string[]).includes(value)) throw new InvalidArgumentError(`'${value}' is not a ${option}; use one of ${allowed.join(', ')}.`);
    return value as T;
  };
}

/** Runs the CLI; returns the exit code. Errors become one line on stderr. */
export function runCli(argv: readonly string[], io: CliIo): number {
  if (argv[0] === 'check') {
    // check reads files as it goes: its result exists only once the promise settles.
    io.err('gitlab-identity: check runs asynchronously; call runCliAsync\n');
    return EXIT_ERROR;
  }
  let code = EXIT_OK;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    program.parse([...argv], { from: 'user' });
    return code;
  } catch (e) {
    return errorCode(e, io);
  }
}

/** The same, for commands that read files as they go (check); what bin.ts runs. */
export async function runCliAsync(argv: readonly string[], io: CliIo): Promise<number> {
  let code = EXIT_OK;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    return errorCode(e, io);
  }
}

function errorCode(e: unknown, io: CliIo): number {
  if (e instanceof CommanderError) {
    // Help and version exit 0; usage errors were already printed by commander.
    return e.exitCode === 0 ? EXIT_OK : EXIT_ERROR;
  }
  if (e instanceof CliError || isIdentityError(e)) {
    io.err(`gitlab-identity: ${(e as Error).message}\n`);
    return EXIT_ERROR;
  }
  io.err(`gitlab-identity: unexpected failure: ${e instanceof Error ? e.message : String(e)}\n`);
  return EXIT_ERROR;
}
