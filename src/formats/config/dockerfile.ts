// Dockerfiles, read with dockerfile-ast: the Go toolchain of the build stage
// (FROM golang:<ver>), CGO_ENABLED, automaxprocs/automemlimit mentions, ENV of
// the final stage (GOMEMLIMIT, GOMAXPROCS, GOGC, GODEBUG) and its base image.

import { DockerfileParser } from './dockerfileAst';
import type { ConfigContainer } from './model';
import { FormatError } from '../types';
import { emptyModel, findRemovedMetrics, lineAt, splitGodebug, type ConfigModel } from './model';

/** Base images without a C library: a cgo binary does not start there. */
const STATIC_IMAGE = /(^|\/)(scratch|distroless\/static[^:@]*|static-debian\d+|chainguard\/static)(?=[:@]|$)/;

export function parseDockerfileConfig(text: string): ConfigModel {
  const df = DockerfileParser.parse(text);
  const froms = df.getFROMs();
  if (!froms.length) throw new FormatError('not a Dockerfile: no FROM instruction');
  const model = emptyModel('dockerfile');
  for (const f of froms) {
    const name = f.getImageName() ?? '';
    const tag = f.getImageTag() ?? '';
    if (/(^|\/)golang$/.test(name)) {
      const m = /^(\d+\.\d+(?:\.\d+)?)/.exec(tag);
      if (m) model.goVersion = m[1];
    }
  }
  const last = froms[froms.length - 1];
  const image = last.getImage() ?? '';
  model.finalImage = { image, line: last.getRange().start.line + 1, static: STATIC_IMAGE.test(image) };
  const lastLine = last.getRange().start.line;
  const finalStage: ConfigContainer = { label: `final stage (${image})`, env: [] };
  for (const ins of df.getInstructions()) {
    const kw = ins.getKeyword();
    const line = ins.getRange().start.line + 1;
    const args = ins.getArgumentsContent() ?? '';
    if (kw === 'RUN' || kw === 'ENV' || kw === 'ARG') {
      const cgo = /\bCGO_ENABLED=(\d)/.exec(args);
      if (cgo) {
        if (cgo[1] === '1') model.cgo = true;
        else model.cgoDisabled = true;
      }
    }
    if (/go\.uber\.org\/automaxprocs/.test(args)) model.automaxprocs ??= { text: 'go.uber.org/automaxprocs', line };
    if (/KimMachineGun\/automemlimit/.test(args)) model.automemlimit ??= { text: 'github.com/KimMachineGun/automemlimit', line };
  }
  for (const env of df.getENVs()) {
    if (env.getRange().start.line <= lastLine) continue;
    for (const p of env.getProperties()) finalStage.env.push({ name: p.getName(), value: p.getValue() ?? '', line: env.getRange().start.line + 1 });
  }
  model.containers.push(finalStage);
  for (const e of finalStage.env) if (e.name === 'GODEBUG' && e.value) model.godebug.push(...splitGodebug(e.value, 'GODEBUG in the Dockerfile', e.line));
  model.metrics = findRemovedMetrics(text);
  // `go get`/`go install` lines with automaxprocs are caught above; also a comment-free mention anywhere.
  const am = /go\.uber\.org\/automaxprocs/.exec(text);
  if (am && !model.automaxprocs) model.automaxprocs = { text: 'go.uber.org/automaxprocs', line: lineAt(text, am.index) };
  return model;
}
