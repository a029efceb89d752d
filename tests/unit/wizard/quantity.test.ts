// Kubernetes quantities, with cases from the Kubernetes docs:
// https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#meaning-of-memory
// https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#meaning-of-cpu
// https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
import { describe, expect, it } from 'vitest';
import { downwardCpu, parseCpuMillis, parseMemoryBytes } from '../../../src/rules/quantity';

describe('Kubernetes quantities', () => {
  it('memory: "128974848, 129e6, 129M, 128974848000m, 123Mi" are (roughly) the same value', () => {
    expect(parseMemoryBytes('128974848')).toBe(128974848);
    expect(parseMemoryBytes('129e6')).toBe(129_000_000);
    expect(parseMemoryBytes('129M')).toBe(129_000_000);
    expect(parseMemoryBytes('128974848000m')).toBe(128974848);
    expect(parseMemoryBytes('123Mi')).toBe(123 * 1024 * 1024);
  });
  it('memory: binary and decimal suffixes, fractions round up to whole bytes', () => {
    expect(parseMemoryBytes('1.5Gi')).toBe(1.5 * 2 ** 30);
    expect(parseMemoryBytes('3G')).toBe(3e9);
    expect(parseMemoryBytes('256Mi')).toBe(256 * 2 ** 20);
    expect(parseMemoryBytes('1k')).toBe(1000);
    expect(parseMemoryBytes('0.5')).toBe(1); // Quantity.Value() rounds up
  });
  it('cpu: "0.1" is "100m"; 1.5 is 1500m; values are millicores', () => {
    expect(parseCpuMillis('0.1')).toBe(100);
    expect(parseCpuMillis('100m')).toBe(100);
    expect(parseCpuMillis('1.5')).toBe(1500);
    expect(parseCpuMillis('2')).toBe(2000);
    expect(parseCpuMillis('2500m')).toBe(2500);
  });
  it('rejects what Kubernetes rejects, with a message', () => {
    for (const bad of ['', 'abc', '1 Gi', '1GiB', '1.2.3', 'Mi', '--1']) {
      expect(typeof parseMemoryBytes(bad)).toBe('string');
    }
    expect(parseCpuMillis('-1')).toMatch(/negative/);
  });
  it('resourceFieldRef limits.cpu divisor 1 rounds up (kubernetes pkg/api/v1/resource/helpers.go)', () => {
    expect(downwardCpu(250)).toBe(1);
    expect(downwardCpu(1500)).toBe(2);
    expect(downwardCpu(2000)).toBe(2);
  });
});
