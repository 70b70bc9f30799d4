/** What a command-line verb gets: its arguments and where to write. Verbs return the exit code. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export type Verb = (args: string[], io: CliIo) => Promise<number>;

/** Splits `--flag` options (and `--name=value`) from positional arguments. */
export function parseArgs(args: string[]): { positional: string[]; flags: Map<string, string | true> } {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (const arg of args) {
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      if (eq > 0) flags.set(arg.slice(2, eq), arg.slice(eq + 1));
      else flags.set(arg.slice(2), true);
    } else positional.push(arg);
  }
  return { positional, flags };
}

export class UsageError extends Error {}
