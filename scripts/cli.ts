/**
 * The command line every script answers the same way (issue 17, "Command lines that behave"):
 * `--help`/`-h` prints the usage to stdout and exits 0; a bad option or value prints one line to stderr
 * and exits 2, never a stack trace; a reader that goes away (`npm run policy:matrix | head -1`) ends
 * the script quietly. Built on node:util parseArgs, strict, so an unknown option is refused.
 *
 *   const { values, positionals } = parseCommandLine({ name: 'policy:matrix', usage, options: { at: { type: 'string' } } });
 *   runCommand('policy:matrix', async () => { ...; return 0; });
 */
import { parseArgs, type ParseArgsConfig, type ParseArgsOptionsConfig } from 'node:util';

/** Exit codes shared by the scripts: 0 done, 1 the check failed (a broken chain, a lint error), 2 could not run. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export interface CommandLine extends ParseArgsConfig {
  /** How messages name the command, e.g. `policy:matrix`. */
  readonly name: string;
  /** The help text, printed on `--help`/`-h`; a function when it must be computed (only then). */
  readonly usage: string | (() => string);
  readonly options?: ParseArgsOptionsConfig;
  /** The arguments to parse. Default: `process.argv.slice(2)`. */
  readonly args?: readonly string[];
}

type Parsed<T extends ParseArgsConfig> = ReturnType<typeof parseArgs<T>>;

/** Thrown by a script for a bad option value found after parsing: runCommand turns it into one line and exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * Parses the command line, or exits: `--help` prints the usage (exit 0), a bad option prints one line
 * (exit 2). Also makes a closed stdout end the script quietly. `help` is added to the options.
 */
export function parseCommandLine<const T extends CommandLine>(command: T): Parsed<T> {
  quietOnClosedPipe();
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...(command.args ?? process.argv.slice(2))],
      options: { ...command.options, ...HELP },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
  } catch (error) {
    if (isParseArgsError(error)) usageError(command.name, error.message);
    throw error;
  }
  if (parsed.values.help === true) {
    process.stdout.write(`${typeof command.usage === 'function' ? command.usage() : command.usage}\n`);
    process.exit(EXIT.ok);
  }
  const { help: _help, ...values } = parsed.values;
  return { values, positionals: parsed.positionals } as unknown as Parsed<T>;
}

/** One line to stderr, naming the command and pointing at --help; exits 2. */
export function usageError(name: string, message: string): never {
  process.stderr.write(`${name}: ${oneLine(message)} (see --help)\n`);
  process.exit(EXIT.usage);
}

/**
 * Runs the script's body: its result is the exit code; a UsageError or any other failure is one line
 * on stderr and exit 2 (what went wrong, in our words: the scripts print no data in errors).
 */
export function runCommand(name: string, main: () => Promise<number | void> | number | void): void {
  quietOnClosedPipe();
  Promise.resolve().then(main).then(
    (code) => { process.exitCode = code ?? EXIT.ok; },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`${name}: ${oneLine(message)}${error instanceof UsageError ? ' (see --help)' : ''}\n`);
      process.exitCode = EXIT.usage;
    },
  );
}

let quiet = false;

/**
 * A reader that stops reading (`| head -1`) closes the pipe; the next write fails with EPIPE, which
 * Node would otherwise throw as an unhandled 'error' event with a stack trace. Nothing is left to say
 * to a reader that left, so the script ends, exit 0 (the caller chose to stop reading).
 */
export function quietOnClosedPipe(): void {
  if (quiet) return;
  quiet = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(EXIT.ok);
      // Not a closed pipe (a full disk under a redirect): say so once, without a stack.
      if (stream === process.stdout) process.stderr.write(`cannot write the output: ${error.code ?? error.message}\n`);
      process.exit(EXIT.usage);
    });
  }
}

function isParseArgsError(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/** parseArgs' messages may run on with advice on a second line; the first says what was wrong. */
function oneLine(message: string): string {
  return (message.split('\n')[0] ?? '').trim();
}
