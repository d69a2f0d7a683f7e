/** A bad command line: printed as one line, exit code 2. */
export class UsageError extends Error {}

/** Parses `--name value` and `--flag` pairs; positional words are returned in order. */
export function parseArgs(argv: string[], flags: readonly string[] = []) {
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
    if (eq > 0) options[name] = a.slice(eq + 1);
    else if (flags.includes(name)) options[name] = 'true';
    else {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      options[name] = v;
      i++;
    }
  }
  return { options, positional };
}
