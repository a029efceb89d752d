import { describe, expect, it } from 'vitest';
import { decodeSettings, encodeSettings, hasSettings } from '../../../src/wizard/hash';
import { DEFAULT_SETTINGS, type WizardSettings } from '../../../src/wizard/types';

describe('settings ⇄ URL hash query', () => {
  it('round-trips every field', () => {
    const s: WizardSettings = {
      goVersion: '1.24.3',
      goModVersion: '1.23',
      cpuRequest: '250m',
      cpuLimit: '2',
      memoryRequest: '512Mi',
      memoryLimit: '1Gi',
      cgo: true,
      goal: 'latency',
      peakHeapBytes: 123456789,
      gcCpuPercent: 12.5,
      pauseP99Ms: 0.42,
      gomaxprocs: 64,
      goroutines: 1500,
      sessionGomemlimitBytes: 104857600,
    };
    const q = encodeSettings(s);
    expect(decodeSettings(q)).toEqual(s);
    expect(decodeSettings('?' + q)).toEqual(s);
    expect(hasSettings(q)).toBe(true);
  });
  it('leaves defaults out and reads an empty query as the defaults', () => {
    expect(encodeSettings(DEFAULT_SETTINGS)).toBe('');
    expect(decodeSettings('')).toEqual(DEFAULT_SETTINGS);
    expect(hasSettings('')).toBe(false);
  });
  it('ignores junk: bad numbers, unknown goals, unknown keys', () => {
    const s = decodeSettings('heap=abc&goal=fast&procs=-3&x=1&mem=1Gi');
    expect(s.peakHeapBytes).toBeNull();
    expect(s.gomaxprocs).toBeNull();
    expect(s.goal).toBe(DEFAULT_SETTINGS.goal);
    expect(s.memoryLimit).toBe('1Gi');
  });
});
