// What the last execution trace read in chunks by workers of their own did
// (./traceChunks.ts), for the page's tests and the bench (CoreWorkerApi.stats).
// A module of its own so that the worker's first script does not take in the
// chunk reading, which loads with the parsers.

export const chunkStats = { reads: 0, lastChunks: 0, lastFailure: '' };
