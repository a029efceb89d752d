// Wizard settings ⇄ URL query string (the part after "#/wizard?"), so a link
// reproduces the same outputs. Pure; defaults are left out to keep links short.

import { DEFAULT_SETTINGS, GOALS, type Goal, type WizardSettings } from './types';

const STRING_KEYS = {
  goVersion: 'go',
  goModVersion: 'mod',
  cpuRequest: 'cpuReq',
  cpuLimit: 'cpu',
  memoryRequest: 'memReq',
  memoryLimit: 'mem',
} as const satisfies Partial<Record<keyof WizardSettings, string>>;

const NUMBER_KEYS = {
  peakHeapBytes: 'heap',
  gcCpuPercent: 'gcCpu',
  pauseP99Ms: 'p99',
  gomaxprocs: 'procs',
  goroutines: 'goroutines',
  sessionGomemlimitBytes: 'gml',
} as const satisfies Partial<Record<keyof WizardSettings, string>>;

/** Query string for the settings (no leading "?"). */
export function encodeSettings(s: WizardSettings): string {
  const q = new URLSearchParams();
  for (const [field, key] of Object.entries(STRING_KEYS) as [keyof typeof STRING_KEYS, string][]) {
    if (s[field] !== DEFAULT_SETTINGS[field]) q.set(key, s[field]);
  }
  if (s.cgo) q.set('cgo', '1');
  if (s.goal !== DEFAULT_SETTINGS.goal) q.set('goal', s.goal);
  for (const [field, key] of Object.entries(NUMBER_KEYS) as [keyof typeof NUMBER_KEYS, string][]) {
    const v = s[field];
    if (v !== null && Number.isFinite(v)) q.set(key, String(v));
  }
  return q.toString();
}

/** Settings from a query string (with or without "?"); unknown keys and bad numbers are ignored. */
export function decodeSettings(query: string): WizardSettings {
  const q = new URLSearchParams(query.replace(/^[?#]/, ''));
  const s: WizardSettings = { ...DEFAULT_SETTINGS };
  for (const [field, key] of Object.entries(STRING_KEYS) as [keyof typeof STRING_KEYS, string][]) {
    const v = q.get(key);
    if (v !== null) s[field] = v.slice(0, 64);
  }
  s.cgo = q.get('cgo') === '1';
  const goal = q.get('goal');
  if (goal && (GOALS as readonly string[]).includes(goal)) s.goal = goal as Goal;
  for (const [field, key] of Object.entries(NUMBER_KEYS) as [keyof typeof NUMBER_KEYS, string][]) {
    const raw = q.get(key);
    const v = raw === null || raw.trim() === '' ? NaN : Number(raw);
    s[field] = Number.isFinite(v) && v >= 0 ? v : null;
  }
  return s;
}

/** True when the query carries any wizard setting (so it should win over a session prefill). */
export function hasSettings(query: string): boolean {
  const q = new URLSearchParams(query.replace(/^[?#]/, ''));
  const keys = new Set<string>([...Object.values(STRING_KEYS), ...Object.values(NUMBER_KEYS), 'cgo', 'goal']);
  for (const k of q.keys()) if (keys.has(k)) return true;
  return false;
}
