// The legacy binary CPU profile (Go before 1.9, gperftools' layout): a
// sequence of machine words whose header is 0, 3, 0, the sampling period in
// µs, 0 (google/pprof profile/legacy_profile.go, parseCPUHeader). gotune does
// not read it; recognising it lets the error say how to convert it.

/** Whether `head` begins with a legacy CPU profile's header, in words of 4 or 8 bytes, either byte order. */
export function isLegacyCpuProfile(head: Uint8Array): boolean {
  for (const size of [8, 4]) {
    if (head.length < 5 * size) continue;
    for (const little of [true, false]) {
      const v = new DataView(head.buffer, head.byteOffset, 5 * size);
      const word = (i: number) => (size === 8 ? Number(v.getBigUint64(i * 8, little)) : v.getUint32(i * 4, little));
      if (word(0) === 0 && word(1) === 3 && word(2) === 0 && word(3) > 0 && word(3) < 1e9 && word(4) === 0) return true;
    }
  }
  return false;
}
