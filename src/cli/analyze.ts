// Headless: `npm run analyze -- FILE...` runs the same sniffing, parsers and
// analyses as the app's worker and prints the report JSON on stdout. When an
// input fails the JSON is still printed, the reason goes to stderr, exit 1.

import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { analyzeInput } from '../kinds/analyzeInput';
import { assembleReport } from '../report/assemble';
import { MAX_DECOMPRESSED_BYTES } from '../formats/limits';
import { formatBytes } from '../lib/display';
import type { InputReport } from '../report/schema';

function main(argv: string[]): number {
  const files = argv.filter((a) => a !== '--');
  if (files.length === 0 || files.includes('-h') || files.includes('--help')) {
    process.stderr.write('usage: npm run analyze -- FILE...\nPrints the gotune report JSON for the files on stdout.\n');
    return files.length === 0 ? 2 : 0;
  }
  const inputs: InputReport[] = [];
  let failed = false;
  files.forEach((file, i) => {
    const id = `in${i + 1}`;
    const name = basename(file);
    let data: Uint8Array;
    try {
      const size = statSync(file).size;
      if (size > MAX_DECOMPRESSED_BYTES) throw new Error(`it is ${formatBytes(size)}, over the ${formatBytes(MAX_DECOMPRESSED_BYTES)} limit`);
      data = readFileSync(file);
    } catch (e) {
      inputs.push({ id, name, kind: 'unknown', bytes: 0, error: `cannot read the file: ${(e as Error).message}` });
      return;
    }
    inputs.push(analyzeInput(id, name, data).report);
  });
  for (const inp of inputs) {
    if (inp.error) {
      failed = true;
      process.stderr.write(`gotune: ${inp.name}: ${inp.error}\n`);
    }
    for (const w of inp.warnings ?? []) process.stderr.write(`gotune: ${inp.name}: warning: ${w}\n`);
  }
  process.stdout.write(JSON.stringify(assembleReport(inputs), null, 2) + '\n');
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
