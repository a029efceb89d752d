// The settings in force and the resources obtained, as the report lists them.

import { formatBytes } from '../lib/display';
import type { Facts, Val } from './facts';
import type { ResourceObtained, SettingInForce } from './types';
import { coresText, pct } from './causes/rule';

function setting(name: SettingInForce['name'], v: Val<unknown> | undefined, value: string, numeric?: number): SettingInForce[] {
  if (!v) return [];
  return [{ name, value, ...(numeric !== undefined ? { numeric } : {}), how: v.how, from: `${v.src.name}: ${v.what}`, input: v.src.input }];
}

export function settingsInForce(f: Facts): SettingInForce[] {
  const cpu = (x: number) => (Number.isInteger(x) ? String(x) : `${Math.round(x * 1000)}m`);
  return [
    ...setting('GOMAXPROCS', f.gomaxprocs, String(f.gomaxprocs?.value), f.gomaxprocs?.value),
    ...setting('GOGC', f.gogc, f.gogc?.value === -1 ? 'off' : String(f.gogc?.value), f.gogc?.value),
    ...setting('GOMEMLIMIT', f.gomemlimit, f.gomemlimit ? formatBytes(f.gomemlimit.value) : '', f.gomemlimit?.value),
    ...setting('Go version', f.goVersion, f.goVersion?.value ?? ''),
    ...setting('CPU request', f.cpuRequest, f.cpuRequest ? cpu(f.cpuRequest.value) : '', f.cpuRequest?.value),
    ...setting('CPU limit', f.cpuLimit, f.cpuLimit ? cpu(f.cpuLimit.value) : '', f.cpuLimit?.value),
    ...setting('memory request', f.memRequest, f.memRequest ? formatBytes(f.memRequest.value) : '', f.memRequest?.value),
    ...setting('memory limit', f.memLimit, f.memLimit ? formatBytes(f.memLimit.value) : '', f.memLimit?.value),
    ...setting('cgo', f.cgo, f.cgo?.value ? 'enabled' : 'disabled'),
  ];
}

function resource(name: ResourceObtained['name'], v: Val<number> | undefined, text: (x: number) => string): ResourceObtained[] {
  if (!v) return [];
  return [{ name, value: v.value, text: text(v.value), from: `${v.src.name}: ${v.what}`, input: v.src.input, ...(v.anchor ? { anchor: v.anchor } : {}) }];
}

export function resourcesObtained(f: Facts): ResourceObtained[] {
  return [
    ...resource('cores used', f.coresUsed, coresText),
    ...resource('busy Ps', f.busyPs, (x) => `${x.toFixed(1)} of ${f.gomaxprocs?.value ?? '?'}`),
    ...resource('run queue', f.runQueue, (x) => `${x.toFixed(1)} goroutines waiting`),
    ...resource('OS threads', f.threads, (x) => String(x)),
    ...resource('goroutines', f.goroutineCount, (x) => String(x)),
    ...resource('live heap', f.liveHeap, formatBytes),
    ...resource('heap in use', f.heapInUse, formatBytes),
    ...resource('resident memory', f.rss, formatBytes),
    ...resource('GC share of CPU used', f.gcShare, pct),
  ];
}
