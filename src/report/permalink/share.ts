// Making and opening permalinks: redact → reduce (stricter levels until the
// link fits the budget) → JSON → deflate-raw with the version's preset
// dictionary → base64url, prefixed with the link version. Opening never throws: every failure is a DecodeResult error
// saying what is wrong with the link.

import type { Report } from '../schema';
import { assembleReport } from '../assemble';
import { base64url, deflateRaw, fromBase64url, inflateRawCapped, InflateLimitError } from './codec';
import { DICTIONARY_V1 } from './dictionary-v1';
import { LEVELS, reduceReport } from './reduce';
import { redactReport } from './redact';
import { asShared, checkShared } from './validate';
import { whatifForLink, whatifFromOutside } from '../../whatif/validate';
import { LINK_MAX_CHARS, LINK_MAX_INPUTS, LINK_ROUTE, LINK_VERSION, MAX_INFLATED_BYTES, MAX_LINK_CHARS, URL_BUDGET, type DecodeResult, type RedactOptions, type SharedReport } from './types';

export interface ShareInput {
  report: Report;
  name: string;
  redact: RedactOptions;
  wizard?: string;
}

export interface ShareLink {
  /** `<version>.<base64url>`: what follows #/p/. */
  payload: string;
  shared: SharedReport;
  /** Index into LEVELS that was used. */
  level: number;
  /** Bytes of JSON before compression. */
  jsonBytes: number;
  /** Whether the whole URL fits the budget (false when even the last level is over). */
  fits: boolean;
}

const enc = new TextEncoder();

/** The preset dictionary of link version 1 (what every report has in common), as bytes. */
let dictBytes: Uint8Array | undefined;
const dictionary = () => (dictBytes ??= enc.encode(DICTIONARY_V1));

/** The session findings as assembleReport makes them from the inputs' findings. */
function findingsOf(inputs: Report['inputs']): Report['findings'] {
  return assembleReport(inputs, new Date(0)).findings;
}

/**
 * The JSON sent: the session findings are left out (as the string "inputs")
 * when they are exactly the inputs' findings re-ranked, which is how the app
 * makes them; the decoder rebuilds them.
 */
export function encodeShared(shared: SharedReport): { payload: string; jsonBytes: number } {
  const slim = { ...shared, report: withoutDerived(shared.report) };
  const wire = JSON.stringify(findingsOf(slim.report.inputs)) === JSON.stringify(slim.report.findings) ? { ...slim, report: { ...slim.report, findings: 'inputs' } } : slim;
  const json = enc.encode(JSON.stringify(wire));
  return { payload: `${LINK_VERSION}.${base64url(deflateRaw(json, dictionary()))}`, jsonBytes: json.length };
}

/** Characters of the full URL for a payload under `base` (origin + path of the page). */
export const urlLength = (base: string, payload: string) => base.length + LINK_ROUTE.length + payload.length;

/** Why no link is made for a session: more inputs or more data than a gotune link carries. */
export class LinkTooBigError extends Error {}

/**
 * The most detailed link that fits `budget` characters of URL under `base`.
 * When even the last level is over, that one is returned with fits = false;
 * LinkTooBigError when the session has more than LINK_MAX_INPUTS inputs or
 * its least detailed link is over LINK_MAX_CHARS (the decoder refuses such links).
 */
export function makeShareLink(input: ShareInput, base = 'https://gotune.example/', budget = URL_BUDGET): ShareLink {
  const n = input.report.inputs.length;
  if (n > LINK_MAX_INPUTS) throw new LinkTooBigError(`this session has ${n} inputs and a link carries at most ${LINK_MAX_INPUTS}; share the HTML report or the JSON export instead, or remove inputs`);
  const redacted = withoutDerived(redactReport(input.report, input.redact));
  const name = input.redact.files ? 'Shared report' : input.name;
  const at = (level: number): ShareLink => {
    const { report, dropped } = reduceReport(redacted, LEVELS[level]);
    // As the link will be opened: what it leaves out recomputed from what it carries.
    const shared: SharedReport = { v: LINK_VERSION, name, report: withDerived(report), dropped, redacted: { ...input.redact }, ...(input.wizard ? { wizard: input.wizard } : {}) };
    const { payload, jsonBytes } = encodeShared(shared);
    return { payload, shared, level, jsonBytes, fits: urlLength(base, payload) <= budget };
  };
  // Most sessions fit with full detail; otherwise binary search (each level is no larger than the one before).
  const first = at(0);
  if (first.fits) return first;
  let lo = 1;
  let hi = LEVELS.length - 1;
  const last = at(hi);
  if (last.fits) {
    let best = last;
    hi--;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const l = at(mid);
      if (l.fits) {
        best = l;
        hi = mid - 1;
      } else lo = mid + 1;
    }
    return best;
  }
  last.shared.dropped.push(`even with the least detail the link is over the ${budget}-character budget; some chat tools and browsers may cut it`);
  const { payload, jsonBytes } = encodeShared(last.shared);
  if (payload.length > LINK_MAX_CHARS) throw new LinkTooBigError(`even with the least detail the link would be ${payload.length.toLocaleString('en')} characters, over the ${LINK_MAX_CHARS.toLocaleString('en')} gotune makes; share the HTML report or the JSON export instead`);
  return { ...last, payload, jsonBytes };
}

/** The report without what a link can recompute: the what-if grid (from its calibration). */
function withoutDerived(report: Report): Report {
  if (!report.inputs.some((i) => i.whatif)) return report;
  return { ...report, inputs: report.inputs.map((i) => (i.whatif ? { ...i, whatif: whatifForLink(i.whatif) } : i)) };
}

/** What a link leaves out because it follows from what it carries, recomputed: the what-if grid. */
function withDerived(report: Report): Report {
  if (!report.inputs.some((i) => i.whatif !== undefined)) return report;
  return { ...report, inputs: report.inputs.map((i) => (i.whatif !== undefined ? { ...i, whatif: whatifFromOutside(i.whatif) } : i)) };
}

const dec = new TextDecoder('utf-8', { fatal: true });

const fail = (code: Extract<DecodeResult, { ok: false }>['error']['code'], message: string): DecodeResult => ({ ok: false, error: { code, message } });

/** The shared report in a link (the part after #/p/, or a whole URL). Never throws. */
export function decodeShareLink(link: string): DecodeResult {
  try {
    if (typeof link !== 'string') return fail('malformed', 'the link is not text');
    let text = link.trim();
    const at = text.indexOf(LINK_ROUTE);
    if (at >= 0) text = text.slice(at + LINK_ROUTE.length);
    if (text.length > MAX_LINK_CHARS) return fail('too-large', `the link is ${text.length.toLocaleString('en')} characters long; gotune makes links of at most ${LINK_MAX_CHARS.toLocaleString('en')}, so it was not opened`);
    if (!text) return fail('empty', 'the link carries no report');
    const m = /^(\d{1,6})\.([A-Za-z0-9_-]*)$/.exec(text);
    if (!m) return fail('malformed', 'the link is not a gotune report link (it should be #/p/<version>.<data>); it may have been cut or changed when it was copied');
    const version = Number(m[1]);
    if (version !== LINK_VERSION) {
      return fail('version', version > LINK_VERSION ? `the link was made by a newer gotune (link version ${version}; this one reads version ${LINK_VERSION})` : `link version ${version} is not one this gotune reads (it reads version ${LINK_VERSION})`);
    }
    const bytes = fromBase64url(m[2]);
    if (!bytes || bytes.length === 0) return fail('corrupt', 'the link data is damaged: it is not valid base64url');
    let json: Uint8Array;
    try {
      json = inflateRawCapped(bytes, MAX_INFLATED_BYTES, dictionary());
    } catch (e) {
      if (e instanceof InflateLimitError) return fail('too-large', `the link unpacks to more than ${MAX_INFLATED_BYTES >> 20} MiB, which no gotune link does; it was not opened`);
      return fail('corrupt', 'the link data is damaged or cut short (it does not decompress); copy the whole link again');
    }
    let value: unknown;
    try {
      value = JSON.parse(dec.decode(json));
    } catch {
      return fail('corrupt', 'the link data is damaged: its content is not a report');
    }
    const r = (value as { report?: { inputs?: unknown; findings?: unknown } } | null)?.report;
    if (r && Array.isArray(r.inputs) && r.inputs.length > LINK_MAX_INPUTS) {
      return fail('too-large', `the link holds ${r.inputs.length} inputs; gotune links carry at most ${LINK_MAX_INPUTS}, so it was not opened`);
    }
    if (r && r.findings === 'inputs' && Array.isArray(r.inputs) && r.inputs.every((i) => i && typeof i === 'object' && (i.findings === undefined || Array.isArray(i.findings)))) {
      r.findings = findingsOf(r.inputs as Report['inputs']);
    }
    const wrong = checkShared(value);
    if (wrong) return fail('shape', `the link does not hold a report gotune can show: ${wrong}`);
    const shared = asShared(value);
    return { ok: true, shared: { ...shared, report: withDerived(shared.report) } };
  } catch (e) {
    return fail('corrupt', `the link could not be read (${(e as Error)?.message ?? String(e)})`);
  }
}

/**
 * The report with its input ids prefixed ("link-in1"), so nothing keyed by an
 * input id elsewhere in the page (models in the worker, a session open in this
 * tab) is taken for this report's.
 */
export function linkScoped(report: Report): Report {
  const id = (x: string) => `link-${x}`;
  return {
    ...report,
    inputs: report.inputs.map((i) => ({ ...i, id: id(i.id), ...(i.findings ? { findings: i.findings.map((f) => (f.input ? { ...f, input: id(f.input) } : f)) } : {}) })),
    findings: report.findings.map((f) => (f.input ? { ...f, input: id(f.input) } : f)),
  };
}
