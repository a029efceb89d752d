// Text the CLI writes to a terminal, made inert. File names, warnings and
// error messages carry input text (a crafted line, a crafted file name); raw
// control characters in them can drive the terminal: ESC sequences clear the
// screen or move the cursor, OSC 52 writes the clipboard, C1 CSI (U+009B) does
// the same on terminals that take 8-bit controls, and bidi overrides or line
// separators make a line read as something else. Every C0 and C1 control, DEL,
// the bidi controls and the line/paragraph separators are shown as escapes.

/** C0 (incl. \t \n \r), DEL, C1, ALM, LRM/RLM, LRE…RLO, LRI…PDI, U+2028/U+2029. */
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/g;

const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).padStart(width, '0');

/** One line of terminal text: controls as \xNN, the others as \uNNNN. */
export function forTerminal(text: string): string {
  return text.replace(UNSAFE, (c) => (c.charCodeAt(0) <= 0x9f ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

/** Characters JSON.stringify leaves raw that a terminal still acts on (it escapes C0 itself). */
const JSON_UNSAFE = /[\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/g;

/**
 * JSON text with those characters written as \uNNNN escapes: the same JSON
 * value (they only occur inside strings), safe to print on a terminal.
 */
export function jsonForTerminal(json: string): string {
  return json.replace(JSON_UNSAFE, (c) => `\\u${hex(c, 4)}`);
}
