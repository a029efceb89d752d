// A dropped File read in slices, synchronously (FileReaderSync exists only in
// workers): the ByteSource through which an execution trace is read a
// generation at a time, so the worker never holds the whole file. Null where
// FileReaderSync is missing (Node, in tests): the caller reads the Blob whole.

import type { ByteSource } from '../formats/byteSource';

export function blobSource(blob: Blob): ByteSource | null {
  if (typeof FileReaderSync === 'undefined') return null;
  const reader = new FileReaderSync();
  const size = blob.size;
  return {
    size,
    readInto(dst, position) {
      const end = Math.min(position + dst.length, size);
      if (end <= position) return 0;
      const part = new Uint8Array(reader.readAsArrayBuffer(blob.slice(position, end)));
      const n = Math.min(part.length, dst.length);
      dst.set(part.subarray(0, n));
      return n;
    },
  };
}
