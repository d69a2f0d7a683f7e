/**
 * Which network addresses a webhook may be sent to (issue 13 item 9). An estate admin types the
 * webhook address; without this rule that address could be the metadata service
 * (169.254.169.254), the database port on 127.0.0.1 or a printer on the office LAN, and the
 * server would post to it on the admin's behalf (SSRF). Only public unicast addresses are
 * allowed, plus what the operator names on purpose (an SMS gateway inside the group's network).
 */

export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'shared'
  | 'unspecified'
  | 'multicast'
  | 'reserved';

/** An address as a bit string with its family; IPv4 is 32 bits, IPv6 128. */
interface Bits {
  v6: boolean;
  value: bigint;
}

/** A CIDR range, as the operator's allowance holds them. */
export interface TargetRange {
  v6: boolean;
  base: bigint;
  prefix: number;
}

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseV4(text: string): bigint | null {
  const m = V4.exec(text);
  if (!m) return null;
  let value = 0n;
  for (const part of m.slice(1)) {
    const n = Number(part);
    if (n > 255 || (part.length > 1 && part.startsWith('0'))) return null;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseV6(text: string): bigint | null {
  let s = text.toLowerCase();
  if (s.includes('%')) return null; // zone ids name an interface, not a host
  // A trailing dotted quad (::ffff:10.0.0.1) is two 16-bit groups.
  const tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (tail) {
    const v4 = parseV4(tail[1]!);
    if (v4 === null) return null;
    s = `${s.slice(0, -tail[1]!.length)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  let value = 0n;
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/.test(g)) return null;
    value = (value << 16n) | BigInt(Number.parseInt(g, 16));
  }
  return value;
}

/** An IP address literal (IPv6 with or without brackets), or null when `text` is not one. */
export function parseAddress(text: string): Bits | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const v4 = parseV4(bare);
  if (v4 !== null) return { v6: false, value: v4 };
  const v6 = bare.includes(':') ? parseV6(bare) : null;
  return v6 === null ? null : { v6: true, value: v6 };
}

/** `10.0.0.0/8`, `fd00::/8` or a single address; null when malformed. */
export function parseRange(text: string): TargetRange | null {
  const [addr, len, extra] = text.trim().split('/');
  if (extra !== undefined || !addr) return null;
  const bits = parseAddress(addr);
  if (!bits) return null;
  const width = bits.v6 ? 128 : 32;
  const prefix = len === undefined ? width : /^\d{1,3}$/.test(len) ? Number(len) : Number.NaN;
  if (!(prefix >= 0 && prefix <= width)) return null;
  return { v6: bits.v6, base: bits.value >> BigInt(width - prefix), prefix };
}

function inRange(bits: Bits, r: TargetRange): boolean {
  if (bits.v6 !== r.v6) return false;
  const width = bits.v6 ? 128 : 32;
  return bits.value >> BigInt(width - r.prefix) === r.base;
}

const range = (text: string) => parseRange(text)!;

/** Everything that is not a public unicast address, most specific first. */
const NON_PUBLIC: [TargetRange, AddressClass][] = [
  [range('0.0.0.0/8'), 'unspecified'],
  [range('127.0.0.0/8'), 'loopback'],
  [range('10.0.0.0/8'), 'private'],
  [range('172.16.0.0/12'), 'private'],
  [range('192.168.0.0/16'), 'private'],
  [range('100.64.0.0/10'), 'shared'],
  [range('169.254.0.0/16'), 'link-local'],
  [range('192.0.0.0/24'), 'reserved'],
  [range('192.0.2.0/24'), 'reserved'],
  [range('198.18.0.0/15'), 'reserved'],
  [range('198.51.100.0/24'), 'reserved'],
  [range('203.0.113.0/24'), 'reserved'],
  [range('224.0.0.0/4'), 'multicast'],
  [range('240.0.0.0/4'), 'reserved'],
  [range('::/128'), 'unspecified'],
  [range('::1/128'), 'loopback'],
  [range('fc00::/7'), 'private'],
  [range('fe80::/10'), 'link-local'],
  [range('ff00::/8'), 'multicast'],
  [range('2001:db8::/32'), 'reserved'],
  [range('100::/64'), 'reserved'],
  [range('::/96'), 'reserved'], // the old IPv4-compatible form
];

/** IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) addresses reach the IPv4 host inside. */
const EMBEDS_V4 = [range('::ffff:0:0/96'), range('64:ff9b::/96')];

export function classifyAddress(text: string): AddressClass | null {
  let bits = parseAddress(text);
  if (!bits) return null;
  if (EMBEDS_V4.some((r) => inRange(bits!, r))) bits = { v6: false, value: bits.value & 0xffffffffn };
  return NON_PUBLIC.find(([r]) => inRange(bits!, r))?.[1] ?? 'public';
}

/** The operator's list of non-public ranges webhooks may still reach; throws naming a bad entry. */
export function parseTargetAllowList(text: string | undefined): TargetRange[] {
  if (!text?.trim()) return [];
  return text.split(',').map((entry) => {
    const r = parseRange(entry);
    if (!r) throw new Error(`not an address or CIDR range: "${entry.trim()}"`);
    return r;
  });
}

/**
 * Why a webhook may not connect to this resolved address, or null when it may: a public address,
 * or one inside a range the operator allowed.
 */
export function refusedAddress(address: string, allowed: readonly TargetRange[] = []): AddressClass | 'invalid' | null {
  const cls = classifyAddress(address);
  if (cls === null) return 'invalid';
  if (cls === 'public') return null;
  const bits = parseAddress(address)!;
  return allowed.some((r) => inRange(bits, r)) ? null : cls;
}

/** Host names that always mean this machine, whatever DNS says. */
const LOCAL_NAMES = /^(localhost|localhost\.localdomain|ip6-localhost|ip6-loopback)$|\.localhost$/i;

/**
 * What can be told from the address alone, before any lookup: a literal non-public IP or a
 * localhost name. Names that resolve to private addresses are refused when sending.
 */
export function refusedHost(hostname: string, allowed: readonly TargetRange[] = []): AddressClass | null {
  const host = hostname.replace(/\.$/, '');
  if (parseAddress(host)) {
    const why = refusedAddress(host.replace(/^\[|\]$/g, ''), allowed);
    return why === 'invalid' ? 'reserved' : why;
  }
  if (LOCAL_NAMES.test(host)) return allowed.some((r) => inRange({ v6: false, value: 0x7f000001n }, r)) ? null : 'loopback';
  return null;
}

export const ADDRESS_CLASS_ZH: Record<AddressClass, string> = {
  public: '公网地址',
  loopback: '本机地址',
  private: '内网地址',
  'link-local': '链路本地地址',
  shared: '运营商共享地址',
  unspecified: '未指定地址',
  multicast: '组播地址',
  reserved: '保留地址',
};

/** Why this URL may not be posted to before any network traffic, in Chinese for the settings screen. */
export function refusedWebhookUrl(url: string, allowed: readonly TargetRange[] = []): string | null {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return '地址应为完整网址';
  }
  const why = refusedHost(host, allowed);
  return why ? `推送地址不能指向${ADDRESS_CLASS_ZH[why]}（${host}）；如确需推送到内网网关，请由运维在 PROPDESK_WEBHOOK_ALLOW_PRIVATE 中放行` : null;
}
