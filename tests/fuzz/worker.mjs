// Worker-thread entry for run.ts: registers tsx so the TypeScript campaign can load.
import { register } from 'tsx/esm/api';

register();
await import('./run.ts');
