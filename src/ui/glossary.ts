// Runtime words a newcomer will not know, in plain words. Views show them with
// components/Term.svelte where the word first appears.

export const GLOSSARY = {
  STW: 'Stop-the-world: a moment when the runtime pauses every goroutine (twice per GC cycle, and for a few other jobs). Every request in flight waits that long.',
  P: 'A P ("processor") is the runtime’s permission to run Go code. There are GOMAXPROCS of them; a goroutine needs a P and an OS thread to run.',
  assist: 'Mark assist: when goroutines allocate faster than the GC’s background workers can mark, the runtime makes the allocating goroutine do some marking itself. It shows up as latency in your handlers.',
  MMU: 'Minimum mutator utilization: in the worst window of a given length, the share of time your code (not the GC) could run. 50% at 10 ms means some 10 ms window left your code only 5 ms.',
  'nearest rank': 'How the percentile is picked: p99 is the value at position ⌈0.99 × n⌉ of the sorted pauses — a real pause from the input, not an interpolation between two.',
} as const;

export type GlossaryWord = keyof typeof GLOSSARY;
