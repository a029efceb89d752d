// Go's GOMEMLIMIT syntax, exactly as the runtime parses it (parseByteCount in
// src/runtime/string.go, Go 1.19–1.26): a non-negative base-10 integer
// (strconv.ParseInt: optional sign, digits only, int64 range) optionally
// followed by B, KiB, MiB, GiB or TiB. "off" is handled by the caller
// (readGOMEMLIMIT). Kubernetes suffixes (Mi, G, m) are fatal at startup.

const MAX_INT64 = (1n << 63n) - 1n;
const MAX_UINT64 = (1n << 64n) - 1n;

/** strconv.ParseInt(s, 10, 64): [+-]?digits, in int64 range. */
function parseInt64(s: string): bigint | null {
  if (!/^[+-]?\d+$/.test(s)) return null;
  const n = BigInt(s);
  if (n > MAX_INT64 || n < -MAX_INT64 - 1n) return null;
  return n;
}

/** The byte count Go reads from `s`, or null where Go would refuse it. Mirrors parseByteCount. */
export function parseGoByteCount(s: string): bigint | null {
  if (s === '') return null;
  const last = s[s.length - 1];
  if (last >= '0' && last <= '9') {
    const n = parseInt64(s);
    return n === null || n < 0n ? null : n;
  }
  if (last !== 'B' || s.length < 2) return null;
  const c = s[s.length - 2];
  if (c >= '0' && c <= '9') {
    const n = parseInt64(s.slice(0, -1));
    return n === null || n < 0n ? null : n;
  } else if (c !== 'i') {
    return null;
  }
  if (s.length < 4) return null;
  const power = ({ K: 1n, M: 2n, G: 3n, T: 4n } as Record<string, bigint>)[s[s.length - 3]];
  if (power === undefined) return null;
  const m = 1024n ** power;
  const n = parseInt64(s.slice(0, -3));
  if (n === null || n < 0n) return null;
  if (n > MAX_UINT64 / m) return null;
  const un = n * m;
  if (un > MAX_INT64) return null;
  return un;
}

/** The value of a GOMEMLIMIT environment variable as the runtime reads it ('' and "off" = no limit). */
export function readGOMEMLIMIT(value: string): { limit: bigint | 'off' } | { error: string } {
  if (value === '' || value === 'off') return { limit: 'off' };
  const n = parseGoByteCount(value);
  if (n === null) return { error: `GOMEMLIMIT=${value} is rejected by Go at startup ("fatal error: malformed GOMEMLIMIT")` };
  return { limit: n };
}

/** Bytes written in Go's syntax: whole TiB/GiB/MiB/KiB when exact, else plain bytes. Never a Kubernetes suffix. */
export function formatGoByteCount(bytes: number): string {
  if (!Number.isSafeInteger(bytes) || bytes < 0) throw new RangeError(`not a byte count: ${bytes}`);
  if (bytes === 0) return '0';
  for (const [suffix, shift] of [['TiB', 40], ['GiB', 30], ['MiB', 20], ['KiB', 10]] as const) {
    const unit = 2 ** shift;
    if (bytes % unit === 0) return `${bytes / unit}${suffix}`;
  }
  return String(bytes);
}

/** Suggest the Go spelling for a value written with a Kubernetes or SI suffix ("512Mi" → "512MiB"). */
export function suggestGoByteCount(value: string): string | null {
  // Trimmed first: \s* on both sides of an optional suffix backtracks quadratically on a run of
  // spaces that does not end the value (fuzzing: a million tabs inside "921…MiB" never finished).
  const m = /^(\d+)\s*(Ki|Mi|Gi|Ti|K|M|G|T|KB|MB|GB|TB|k|m)?$/.exec(value.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  if (suffix === 'm') return null; // milli-bytes: meaningless, say so separately
  if (/^[KMGT]i$/.test(suffix)) return `${n}${suffix}B`;
  const dec: Record<string, number> = { K: 1e3, k: 1e3, KB: 1e3, M: 1e6, MB: 1e6, G: 1e9, GB: 1e9, T: 1e12, TB: 1e12 };
  if (suffix in dec) return String(n * dec[suffix]);
  return null;
}
