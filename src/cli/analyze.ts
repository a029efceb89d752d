// Headless: `npm run analyze -- FILE...` runs the same sniffing, parsers and
// analyses as the app's worker and prints the report JSON on stdout. When an
// input fails the JSON is still printed, the reason goes to stderr, exit 1.
// Every input is read with the 1 GiB cap (pipes, FIFOs and devices too), and
// nothing from an input reaches the terminal raw.

import { basename } from 'node:path';
import { analyzeInput } from '../kinds/analyzeInput';
import { assembleReport } from '../report/assemble';
import type { InputReport } from '../report/schema';
import { openInputCapped, type OpenInput } from './readInput';
import { forTerminal, jsonForTerminal } from './terminalText';

/** One line on stderr, with the input text in it made inert (terminalText.ts). */
const say = (line: string) => process.stderr.write(forTerminal(line) + '\n');

function main(argv: string[]): number {
  const files = argv.filter((a) => a !== '--');
  if (files.length === 0 || files.includes('-h') || files.includes('--help')) {
    say('usage: npm run analyze -- FILE...');
    say('Prints the gotune report JSON for the files on stdout.');
    return files.length === 0 ? 2 : 0;
  }
  const inputs: InputReport[] = [];
  let failed = false;
  files.forEach((file, i) => {
    const id = `in${i + 1}`;
    const name = basename(file);
    let opened: OpenInput;
    try {
      opened = openInputCapped(file);
    } catch (e) {
      inputs.push({ id, name, kind: 'unknown', bytes: 0, error: `cannot read the file: ${(e as Error).message}` });
      return;
    }
    try {
      inputs.push(analyzeInput(id, name, opened.input).report);
    } finally {
      opened.close();
    }
  });
  // Messages name each input by the path given (the report keeps the base name).
  inputs.forEach((inp, i) => {
    if (inp.error) {
      failed = true;
      say(`gotune: ${files[i]}: ${inp.error}`);
    }
    for (const w of inp.warnings ?? []) say(`gotune: ${files[i]}: warning: ${w}`);
  });
  process.stdout.write(jsonForTerminal(JSON.stringify(assembleReport(inputs), null, 2)) + '\n');
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
