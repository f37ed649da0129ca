/** An error the CLI reports as one line on stderr with exit code 1 (never a stack trace). */
export class CliError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
