// Profiles: profile.proto and the legacy debug=1 texts are all read into one
// pprof model, which the profile analysis summarises.

import { analyzeProfile } from '../analysis/pprof/analyze';
import { pprofFormat } from '../formats/pprof/format';
import { pprofTextFormats } from '../formats/pprof-text/formats';
import { parsed } from './kind';

export const pprofKind = parsed(pprofFormat, ['profile'], (model, ctx) => analyzeProfile(model, ctx));

export const pprofTextKinds = pprofTextFormats.map((f) => parsed(f, ['profile'], (model, ctx) => analyzeProfile(model, ctx)));
