// The command line's programmatic entry. Re-exports only.
export { runCli, runCliAsync, EXIT_ERROR, EXIT_ESCALATION, EXIT_OK } from './program';
