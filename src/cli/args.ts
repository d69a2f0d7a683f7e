/** A bad command line: printed as one line, exit code 2. */
export class UsageError extends Error {}

/** What a command accepts; without it any option and any number of words are taken. */
export interface ArgSpec {
  /** Options that take a value (`--name value` or `--name=value`). */
  options?: readonly string[];
  /** How many positional words the command takes. */
  positional?: number;
}

/**
 * Parses `--name value` and `--flag` pairs; positional words are returned in order. An option
 * given twice is refused (which one would win is a guess); with a spec, so are options the
 * command does not know and words beyond the ones it takes — a typo must not be ignored.
 * @throws UsageError
 */
export function parseArgs(argv: string[], flags: readonly string[] = [], spec?: ArgSpec) {
  const options: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (spec?.options && !spec.options.includes(name) && !flags.includes(name)) throw new UsageError(`unknown option --${name}`);
    if (name in options) throw new UsageError(`--${name} is given twice`);
    if (eq > 0) options[name] = a.slice(eq + 1);
    else if (flags.includes(name)) options[name] = 'true';
    else {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      options[name] = v;
      i++;
    }
  }
  if (spec?.positional !== undefined && positional.length > spec.positional) {
    throw new UsageError(`unexpected word ${positional[spec.positional]}`);
  }
  return { options, positional };
}
