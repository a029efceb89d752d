// expvar /debug/vars JSON.

import type { FormatDef } from '../types';
import type { ExpvarModel } from './model';
import { parseExpvar } from './parse';
import { sniffExpvar } from './sniff';

export const expvarFormat: FormatDef<ExpvarModel> = {
  kind: 'expvar',
  label: 'expvar /debug/vars JSON (memstats)',
  sniff: sniffExpvar,
  parse: parseExpvar,
};
