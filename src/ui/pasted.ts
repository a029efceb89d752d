// Names for pasted text, so it can be told apart in the session.

let n = 0;

export function pastedName(): string {
  const d = new Date();
  const pad = (x: number) => String(x).padStart(2, '0');
  return `pasted-${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}${++n > 1 ? `-${n}` : ''}.txt`;
}

/** Whether a name is one pastedName made (its own timestamp; a session names it "Pasted text"). */
export function isPastedName(name: string): boolean {
  return /^pasted-\d{8}-\d{6}(-\d+)?\.txt$/.test(name);
}
