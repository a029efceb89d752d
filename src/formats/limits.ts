// Resource limits applied to every input. Named so error messages can cite them.

/** Largest input after gzip unwrapping. Hitting it stops decompression with a clear error. */
export const MAX_DECOMPRESSED_BYTES = 1024 * 1024 * 1024; // 1 GiB

/** Largest original file kept in a stored session so it can be re-analysed later. */
export const MAX_STORED_RAW_BYTES = 256 * 1024 * 1024; // 256 MiB

/** Bytes handed to sniffers. */
export const SNIFF_BYTES = 64 * 1024;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2)} ${units[i]}`;
}
