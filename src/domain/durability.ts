/**
 * PostgreSQL settings under which an acknowledged change can vanish in a crash or power loss
 * (issue 13 item 13). `synchronous_commit = local` still waits for the local flush, so it is
 * fine for one server; `off` answers before the flush.
 */
const UNSAFE: Record<string, (value: string) => boolean> = {
  fsync: (v) => v === 'off',
  synchronous_commit: (v) => v === 'off',
  full_page_writes: (v) => v === 'off',
};

export const DURABILITY_SETTINGS = Object.keys(UNSAFE);

/** The unsafe ones among the server's settings, as `name = value`. */
export function unsafeDurability(settings: Record<string, string>): string[] {
  return DURABILITY_SETTINGS.filter((name) => settings[name] !== undefined && UNSAFE[name]!(settings[name]!)).map((name) => `${name} = ${settings[name]}`);
}
