// The one gate between what the wizard is told (form fields, a #/wizard?…
// link, a prefill from a session or a shared report) and what it emits (Helm
// values, Kubernetes env, a Dockerfile, Go code). makePlan runs every setting
// through validateSettings and the emitters only see plan.settings, so no
// input text reaches an emitted file unless it has the exact shape of its
// field: a Go version is 1.N or 1.N.P, a quantity is a Kubernetes quantity,
// a number is finite and not negative, the goal is one of GOALS. Anything
// else is dropped (the field counts as unset) with a message naming the field.

import { parseCpuMillis, parseMemoryBytes } from '../rules/quantity';
import { DEFAULT_SETTINGS, GOALS, type Goal, type WizardSettings } from './types';

export type SettingErrors = Partial<Record<keyof WizardSettings, string>>;

/** The field names the form shows, for messages. */
export const FIELD_LABELS: Record<keyof WizardSettings, string> = {
  goVersion: 'Go version',
  goModVersion: 'go.mod go line',
  cpuRequest: 'CPU request',
  cpuLimit: 'CPU limit',
  memoryRequest: 'Memory request',
  memoryLimit: 'Memory limit',
  cgo: 'cgo',
  goal: 'Goal',
  peakHeapBytes: 'Peak live heap',
  gcCpuPercent: 'GC CPU',
  pauseP99Ms: 'GC pause p99',
  gomaxprocs: 'GOMAXPROCS',
  goroutines: 'Goroutines',
  sessionGomemlimitBytes: 'GOMEMLIMIT in the session',
};

/** 1.N or 1.N.P (a leading "go" is accepted and dropped). */
const GO_VERSION = /^(?:go)?(1\.(?:0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,3}))?)$/;

/** Only spaces and tabs count as padding: a newline or U+2028 inside a value is never trimmed into validity. */
const trimPadding = (s: string): string => s.replace(/^[ \t]+|[ \t]+$/g, '');

/** A short, printable picture of a rejected value for the message (controls and separators shown as \u{…}). */
export function previewValue(v: string): string {
  const shown = [...v.slice(0, 40)].map((c) => (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(c) ? `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}` : c)).join('');
  return v.length > 40 ? `${shown}…` : shown;
}

function goVersion(raw: unknown, key: 'goVersion' | 'goModVersion', errors: SettingErrors): string {
  if (typeof raw !== 'string') return '';
  const t = trimPadding(raw);
  if (t === '') return '';
  const m = GO_VERSION.exec(t);
  if (m) return m[1];
  errors[key] = `${FIELD_LABELS[key]}: "${previewValue(raw)}" is not a Go version; write 1.N or 1.N.P (e.g. 1.24 or 1.25.3)`;
  return '';
}

function quantity(raw: unknown, key: 'cpuRequest' | 'cpuLimit' | 'memoryRequest' | 'memoryLimit', errors: SettingErrors): string {
  if (typeof raw !== 'string') return '';
  const t = trimPadding(raw);
  if (t === '') return '';
  const parsed = key.startsWith('cpu') ? parseCpuMillis(t) : parseMemoryBytes(t);
  if (typeof parsed === 'number' && t.length <= 32) return t;
  const why = typeof parsed === 'string' ? parsed.replace(`"${t}"`, `"${previewValue(t)}"`) : 'too long for a quantity';
  errors[key] = `${FIELD_LABELS[key]}: ${why}`;
  return '';
}

function count(raw: unknown, key: 'peakHeapBytes' | 'gcCpuPercent' | 'pauseP99Ms' | 'gomaxprocs' | 'goroutines' | 'sessionGomemlimitBytes', errors: SettingErrors): number | null {
  if (raw === null || raw === undefined) return null;
  const whole = key === 'gomaxprocs' || key === 'goroutines';
  const ok = typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 && raw <= Number.MAX_SAFE_INTEGER && (!whole || Number.isInteger(raw));
  if (ok) return raw;
  errors[key] = `${FIELD_LABELS[key]}: "${previewValue(String(raw))}" is not ${whole ? 'a whole number' : 'a number'} of 0 or more`;
  return null;
}

/** Settings every emitter may print as they are, and a message for each field that was dropped. */
export function validateSettings(raw: WizardSettings): { settings: WizardSettings; errors: SettingErrors } {
  const errors: SettingErrors = {};
  const goal: Goal = (GOALS as readonly unknown[]).includes(raw.goal) ? raw.goal : DEFAULT_SETTINGS.goal;
  if (goal !== raw.goal) errors.goal = `${FIELD_LABELS.goal}: "${previewValue(String(raw.goal))}" is not one of ${GOALS.join(', ')}`;
  const settings: WizardSettings = {
    goVersion: goVersion(raw.goVersion, 'goVersion', errors),
    goModVersion: goVersion(raw.goModVersion, 'goModVersion', errors),
    cpuRequest: quantity(raw.cpuRequest, 'cpuRequest', errors),
    cpuLimit: quantity(raw.cpuLimit, 'cpuLimit', errors),
    memoryRequest: quantity(raw.memoryRequest, 'memoryRequest', errors),
    memoryLimit: quantity(raw.memoryLimit, 'memoryLimit', errors),
    cgo: raw.cgo === true,
    goal,
    peakHeapBytes: count(raw.peakHeapBytes, 'peakHeapBytes', errors),
    gcCpuPercent: count(raw.gcCpuPercent, 'gcCpuPercent', errors),
    pauseP99Ms: count(raw.pauseP99Ms, 'pauseP99Ms', errors),
    gomaxprocs: count(raw.gomaxprocs, 'gomaxprocs', errors),
    goroutines: count(raw.goroutines, 'goroutines', errors),
    sessionGomemlimitBytes: count(raw.sessionGomemlimitBytes, 'sessionGomemlimitBytes', errors),
  };
  return { settings, errors };
}
