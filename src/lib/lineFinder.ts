// 1-based line numbers of character offsets into one text: its line ends are
// found once and each lookup is a binary search. Counting newlines from the
// start for every match made loops over matches quadratic (300 KB of
// //go:debug lines took 12.7 s in the config reader).

export function lineFinder(text: string): (offset: number) => number {
  const ends: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) ends.push(i);
  return (offset) => {
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ends[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}
