// Which IP addresses a webhook may be sent to. Pure: the DNS lookup is done by the caller
// (services/webhook-endpoints/check-webhook-url.ts), at creation and again before every delivery.

export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'reserved';

const V4_RANGES: Array<[string, number, AddressClass]> = [
  ['0.0.0.0', 8, 'reserved'], ['10.0.0.0', 8, 'private'], ['100.64.0.0', 10, 'private'],
  ['127.0.0.0', 8, 'loopback'], ['169.254.0.0', 16, 'link-local'], ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'], ['192.168.0.0', 16, 'private'], ['198.18.0.0', 15, 'reserved'],
  ['224.0.0.0', 4, 'reserved'], ['240.0.0.0', 4, 'reserved'],
];

const v4ToInt = (ip: string): number => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);

function classifyV4(ip: string): AddressClass {
  const n = v4ToInt(ip);
  for (const [base, bits, cls] of V4_RANGES) {
    const size = 2 ** (32 - bits);
    const start = v4ToInt(base);
    if (n >= start && n < start + size) return cls;
  }
  return 'public';
}

function classifyV6(ip: string): AddressClass {
  const h = ip.toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/.exec(h);
  if (mapped) return classifyV4(mapped[1]!);
  if (h === '::1') return 'loopback';
  if (h === '::') return 'reserved';
  if (/^fe[89ab]/.test(h)) return 'link-local';
  if (/^f[cd]/.test(h)) return 'private';
  if (/^ff/.test(h)) return 'reserved';
  return 'public';
}

const isV4 = (ip: string): boolean => /^\d{1,3}(\.\d{1,3}){3}$/.test(ip) && ip.split('.').every((p) => Number(p) <= 255);
const isV6 = (ip: string): boolean => ip.includes(':') && /^[0-9a-f:.]+$/i.test(ip);

/** The class of an IP literal (v4 or v6, brackets allowed); anything that is not an IP address is 'reserved'. */
export function classifyAddress(address: string): AddressClass {
  const ip = address.replace(/^\[(.*)\]$/, '$1');
  if (isV4(ip)) return classifyV4(ip);
  if (isV6(ip)) return classifyV6(ip);
  return 'reserved';
}

/** True when `host` is an IP literal rather than a name to resolve. */
export function isIpLiteral(host: string): boolean {
  const ip = host.replace(/^\[(.*)\]$/, '$1');
  return isV4(ip) || isV6(ip);
}
