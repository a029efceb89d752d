// Goroutine dumps: the dump's goroutines grouped and diagnosed.

import { analyzeGoroutines } from '../analysis/goroutines/analyze';
import { goroutinesFormat } from '../formats/goroutines/format';
import { parsed } from './kind';

export const goroutinesKind = parsed(goroutinesFormat, ['goroutines'], (model) => {
  const { analysis, findings } = analyzeGoroutines(model);
  return { goroutines: analysis, findings };
});
