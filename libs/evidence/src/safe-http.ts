import { promises as dns } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { rootCertificates, type TLSSocket } from 'node:tls';
import ipaddr from 'ipaddr.js';
import { CheckFailure } from './reasons';

/** Resolves a host name to its addresses (injectable, so tests can play a rebinding DNS). */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: Resolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

export interface SafeHttpPolicy {
  /** Host names allowed whatever they resolve to (lower-case). */
  allowedHosts: string[];
  /** Address ranges allowed although not public (e.g. a test network). */
  allowedCidrs: string[];
  resolver: Resolver;
  maxRedirects: number;
  timeoutMs: number;
  maxBytes: number;
  /** Accepted content types (prefixes, e.g. `text/`, `application/json`); any when empty. */
  contentTypes: string[];
  /** Extra trusted certificate authority (PEM), e.g. an internal CA. */
  extraCa?: string;
}

export interface TlsInfo {
  authorized: boolean;
  error: string | null;
  validFrom: string | null;
  validTo: string | null;
  daysLeft: number | null;
}

export interface SafeResponse {
  url: string;
  status: number;
  contentType: string;
  /** Milliseconds until the final response's headers arrived. */
  latencyMs: number;
  tls: TlsInfo | null;
  redirects: string[];
  bytes: number;
}

/** Well-known cloud metadata endpoints, refused even when otherwise in an allowed range. */
const METADATA = ['169.254.169.254', 'fd00:ec2::254', '100.100.100.200', '169.254.170.2'];

/**
 * IPv6 ranges whose addresses carry an IPv4 address that the packets end up at, and where: the
 * index of its first 16-bit group. IPv4-compatible comes last, so `::` and `::1` stay themselves.
 */
const IPV4_CARRIERS: { range: [ipaddr.IPv6, number]; at: number }[] = [
  { range: ipaddr.IPv6.parseCIDR('::ffff:0:0/96'), at: 6 }, // IPv4-mapped
  { range: ipaddr.IPv6.parseCIDR('::ffff:0:0:0/96'), at: 6 }, // IPv4-translated (RFC 6145)
  { range: ipaddr.IPv6.parseCIDR('64:ff9b::/96'), at: 6 }, // NAT64, well-known prefix (RFC 6052)
  { range: ipaddr.IPv6.parseCIDR('2002::/16'), at: 1 }, // 6to4 (RFC 3056): the relay's address
  { range: ipaddr.IPv6.parseCIDR('::/96'), at: 6 }, // IPv4-compatible (deprecated, RFC 4291)
];

/** IPv6 ranges refused whatever the allowlist says: the IPv4 address inside cannot be known, so it may be a metadata one. */
const OPAQUE_CARRIERS: { problem: string; range: [ipaddr.IPv6, number] }[] = [
  // Teredo XORs the server's IPv4 address into the last 32 bits.
  { problem: 'teredo', range: ipaddr.IPv6.parseCIDR('2001::/32') },
  // Local-use NAT64 (RFC 8215): the network chooses where the IPv4 address sits (RFC 6052, /48 to /96).
  { problem: 'nat64LocalUse', range: ipaddr.IPv6.parseCIDR('64:ff9b:1::/48') },
];

/** `::` and `::1`: IPv6's own unspecified and loopback addresses, not IPv4-compatible ones. */
const UNSPECIFIED_OR_LOOPBACK = ipaddr.IPv6.parseCIDR('::/127');

/** The IPv4 address an IPv6 address carries (mapped, translated, NAT64, 6to4, compatible), or null. */
function embeddedIPv4(ip: ipaddr.IPv6): ipaddr.IPv4 | null {
  if (ip.match(UNSPECIFIED_OR_LOOPBACK)) return null;
  const carrier = IPV4_CARRIERS.find(({ range }) => ip.match(range));
  if (!carrier) return null;
  const [high, low] = ip.parts.slice(carrier.at, carrier.at + 2);
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/**
 * Why an address may not be reached, or null if it is public (or allowed: by range, or for an
 * allowlisted host name). An IPv6 address that carries an IPv4 address (`::ffff:a.b.c.d`,
 * `::a.b.c.d`, `64:ff9b::a.b.c.d`, `2002:aabb:ccdd::`) is judged as that IPv4 address, allowlist
 * included; Teredo and local-use NAT64, whose IPv4 address cannot be told, and metadata: never.
 */
export function addressProblem(address: string, policy: Pick<SafeHttpPolicy, 'allowedCidrs'>, hostAllowed = false): string | null {
  const parsed = ipaddr.parse(address);
  const ip = parsed.kind() === 'ipv6' ? (embeddedIPv4(parsed as ipaddr.IPv6) ?? parsed) : parsed;
  if (METADATA.includes(ip.toString())) return 'metadata';
  if (ip.kind() === 'ipv6') {
    const opaque = OPAQUE_CARRIERS.find(({ range }) => (ip as ipaddr.IPv6).match(range));
    if (opaque) return opaque.problem;
  }
  if (hostAllowed) return null;
  for (const cidr of policy.allowedCidrs) {
    const [range, bits] = ipaddr.parseCIDR(cidr);
    if (range.kind() === ip.kind() && ip.match([range, bits])) return null;
  }
  const range = ip.range();
  return range === 'unicast' ? null : range;
}

/** Parses EVIDENCE_ALLOWED_HOSTS: host names and CIDRs (a bare address counts as a /32 or /128). */
export function parseAllowList(value: string): { allowedHosts: string[]; allowedCidrs: string[] } {
  const allowedHosts: string[] = [];
  const allowedCidrs: string[] = [];
  for (const entry of value.split(',').map((e) => e.trim().toLowerCase()).filter(Boolean)) {
    if (entry.includes('/')) allowedCidrs.push(entry);
    else if (ipaddr.isValid(entry)) allowedCidrs.push(`${entry}/${ipaddr.parse(entry).kind() === 'ipv4' ? 32 : 128}`);
    else allowedHosts.push(entry);
  }
  return { allowedHosts, allowedCidrs };
}

/** The one address to connect to: resolved and checked once, so a second lookup cannot change it. */
async function checkedAddress(url: URL, policy: SafeHttpPolicy): Promise<{ address: string; family: 4 | 6 }> {
  const hostname = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  let candidates: { address: string; family: number }[];
  if (isIP(hostname)) candidates = [{ address: hostname, family: isIP(hostname) }];
  else {
    try {
      candidates = await policy.resolver(hostname);
    } catch {
      throw new CheckFailure({ code: 'DNS', params: { host: hostname } });
    }
    if (candidates.length === 0) throw new CheckFailure({ code: 'DNS', params: { host: hostname } });
  }
  const allowedHost = policy.allowedHosts.includes(hostname);
  // Every address the name resolves to must be acceptable: a rebinding answer mixing public and private ones is refused.
  for (const candidate of candidates) {
    const problem = addressProblem(candidate.address, policy, allowedHost);
    if (problem) throw new CheckFailure({ code: 'UNSAFE_ADDRESS', params: { address: candidate.address, range: problem } });
  }
  return { address: candidates[0].address, family: candidates[0].family === 6 ? 6 : 4 };
}

function tlsInfo(socket: TLSSocket): TlsInfo {
  const certificate = socket.getPeerCertificate();
  const validTo = certificate?.valid_to ? new Date(certificate.valid_to) : null;
  return {
    authorized: socket.authorized,
    error: socket.authorizationError ? String(socket.authorizationError) : null,
    validFrom: certificate?.valid_from ? new Date(certificate.valid_from).toISOString() : null,
    validTo: validTo?.toISOString() ?? null,
    daysLeft: validTo ? Math.floor((validTo.getTime() - Date.now()) / 86_400_000) : null,
  };
}

/** One HTTP exchange, pinned to a checked address; resolves with the response (body not yet read). */
function exchange(url: URL, pinned: { address: string; family: 4 | 6 }, policy: SafeHttpPolicy, deadline: number): Promise<{ res: IncomingMessage; latencyMs: number; tls: TlsInfo | null }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    // Hands the already-checked address to the socket instead of resolving the name again.
    const lookup: LookupFunction = (_hostname, options, callback) => {
      if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
      else callback(null, pinned.address, pinned.family);
    };
    const common = {
      method: 'GET',
      headers: { 'user-agent': 'dondoc-evidence-check/1.0', accept: '*/*', 'accept-encoding': 'identity' },
      lookup,
      agent: false as const,
    };
    const req =
      url.protocol === 'https:'
        ? https.request(url, { ...common, servername: isIP(url.hostname) ? undefined : url.hostname, rejectUnauthorized: false, ca: policy.extraCa ? [...rootCertificates, policy.extraCa] : undefined })
        : http.request(url, common);
    const timer = setTimeout(() => req.destroy(new CheckFailure({ code: 'TIMEOUT', params: { ms: policy.timeoutMs } })), Math.max(1, deadline - Date.now()));
    req.on('response', (res) => {
      clearTimeout(timer);
      const tls = url.protocol === 'https:' ? tlsInfo(res.socket as TLSSocket) : null;
      resolve({ res, latencyMs: Date.now() - started, tls });
    });
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error instanceof CheckFailure ? error : new CheckFailure({ code: 'CONNECTION', params: { detail: (error as NodeJS.ErrnoException).code ?? error.message } }));
    });
    req.end();
  });
}

/**
 * GETs a URL a user typed, safely: only http(s); every hop's address resolved once, checked
 * (no loopback, private, link-local, multicast, unspecified or metadata address unless allowed)
 * and connected to as checked; a bounded number of redirects; a deadline; a size limit (the
 * connection is cut beyond it); accepted content types only. `onChunk` receives the body.
 */
export async function safeGet(target: string, policy: SafeHttpPolicy, onChunk: (chunk: Buffer) => void = () => undefined): Promise<SafeResponse> {
  const deadline = Date.now() + policy.timeoutMs;
  const redirects: string[] = [];
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new CheckFailure({ code: 'BAD_SCHEME', params: { scheme: 'invalid URL' } });
  }
  for (;;) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CheckFailure({ code: 'BAD_SCHEME', params: { scheme: url.protocol.replace(':', '') } });
    const pinned = await checkedAddress(url, policy);
    const { res, latencyMs, tls } = await exchange(url, pinned, policy, deadline);
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if ([301, 302, 303, 307, 308].includes(status) && location) {
      res.destroy(); // a redirect's body is never read: no time or size limit would apply to it
      if (redirects.length >= policy.maxRedirects) throw new CheckFailure({ code: 'TOO_MANY_REDIRECTS', params: { max: policy.maxRedirects } });
      redirects.push(url.toString());
      url = new URL(location, url);
      continue;
    }
    const contentType = (res.headers['content-type'] ?? '').toLowerCase();
    if (policy.contentTypes.length > 0 && status < 400 && !policy.contentTypes.some((type) => contentType.startsWith(type))) {
      res.destroy();
      throw new CheckFailure({ code: 'CONTENT_TYPE', params: { type: contentType || 'none' } });
    }
    const bytes = await new Promise<number>((resolve, reject) => {
      let received = 0;
      const timer = setTimeout(() => res.destroy(new CheckFailure({ code: 'TIMEOUT', params: { ms: policy.timeoutMs } })), Math.max(1, deadline - Date.now()));
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > policy.maxBytes) {
          res.destroy(new CheckFailure({ code: 'TOO_LARGE', params: { max: policy.maxBytes } }));
          return;
        }
        try {
          onChunk(chunk);
        } catch (error) {
          res.destroy(error as Error);
        }
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve(received);
      });
      res.on('error', (error) => {
        clearTimeout(timer);
        reject(error instanceof CheckFailure ? error : new CheckFailure({ code: 'CONNECTION', params: { detail: error.message } }));
      });
      res.on('close', () => {
        clearTimeout(timer);
        if (!res.complete) reject(new CheckFailure({ code: 'CONNECTION', params: { detail: 'connection closed before the end of the response' } }));
      });
    });
    return { url: url.toString(), status, contentType, latencyMs, tls, redirects, bytes };
  }
}
