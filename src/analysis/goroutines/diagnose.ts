// Go-specific diagnoses for a group of goroutines: what usually causes this
// stack in a service, and what to change. Matched on function names only.

import type { GoroutineGroup, LeakDiagnosis } from './types';

const HTTP_CLIENT_LOOPS = [
  'net/http.(*persistConn).readLoop',
  'net/http.(*persistConn).writeLoop',
  'net/http.(*http2ClientConn).readLoop',
  'golang.org/x/net/http2.(*ClientConn).readLoop',
];

function has(g: GoroutineGroup, names: readonly string[]): boolean {
  return g.stack.some((f) => names.includes(f.func)) || (g.createdBy !== undefined && names.includes(g.createdBy));
}

export function diagnoseGroup(g: GoroutineGroup): LeakDiagnosis | undefined {
  const s = g.state;
  if (s === 'chan receive (nil chan)' || s === 'chan send (nil chan)') {
    return {
      rule: 'goroutines.nil-channel',
      title: 'blocked for ever on a nil channel',
      advice: 'A send or receive on a nil channel never completes. The channel variable was never made (make(chan …)) or was set to nil; initialise it before starting these goroutines.',
    };
  }
  if (s === 'select (no cases)') {
    return {
      rule: 'goroutines.empty-select',
      title: 'blocked for ever in select {}',
      advice: 'An empty select never returns. If this is not the intended "block main for ever", replace it with a wait on a context or a signal.',
    };
  }
  if (has(g, HTTP_CLIENT_LOOPS)) {
    return {
      rule: 'goroutines.http-client-conns',
      title: 'HTTP client connections piling up',
      advice:
        'Each open client connection keeps a readLoop and a writeLoop goroutine. Growing numbers mean connections are not reused: response bodies are not read to the end and closed (defer resp.Body.Close()), or a new http.Client/http.Transport is created per request. Create one Transport and reuse it; set Transport.IdleConnTimeout and MaxIdleConnsPerHost.',
    };
  }
  if (has(g, ['net/http.(*conn).serve']) && (s === 'IO wait' || s === 'select' || s === 'unknown')) {
    return {
      rule: 'goroutines.http-server-idle',
      title: 'HTTP server connections waiting on clients',
      advice:
        'Server connections parked reading the next request: keep-alive or slow clients hold a goroutine each for as long as they like. Set http.Server ReadHeaderTimeout, ReadTimeout and IdleTimeout (the zero values mean no limit).',
    };
  }
  if (has(g, ['database/sql.(*DB).conn']) && (s === 'chan receive' || s === 'select')) {
    return {
      rule: 'goroutines.sql-pool-exhausted',
      title: 'database/sql callers waiting for a connection',
      advice:
        'The connection pool is exhausted: every connection is busy or held by Rows/Tx that were never closed. Close rows (defer rows.Close()), commit or roll back every Tx, pass a context with a deadline, and check SetMaxOpenConns.',
    };
  }
  if (s === 'chan send') {
    return {
      rule: 'goroutines.abandoned-send',
      title: 'blocked sending on a channel nobody reads any more',
      advice: `The receiver${g.createdBy ? ` (${g.createdBy})` : ''} has given up (timeout or cancelled context) and returned, so the send can never complete. Give the channel a buffer of 1 so the send always succeeds, or select on ctx.Done() next to the send.`,
    };
  }
  if (s === 'chan receive') {
    return {
      rule: 'goroutines.never-closed',
      title: 'waiting on a channel that is never closed',
      advice: 'Nobody sends on or closes this channel any more. Close it when the producer is done (for range loops), or stop the goroutine through a context.',
    };
  }
  if (s === 'select') {
    return {
      rule: 'goroutines.select-forever',
      title: 'waiting in select for a signal that never comes',
      advice:
        'A stop channel that is never closed or a context that is never cancelled keeps these loops alive (and any time.Ticker inside them is never stopped). Cancel the context or close the stop channel when the owner shuts down; defer ticker.Stop().',
    };
  }
  if (s === 'sleep') {
    return {
      rule: 'goroutines.sleep-loops',
      title: 'goroutines sleeping in loops',
      advice: 'Polling loops started per request or per connection and never stopped. Use one background loop, or a time.Ticker stopped through a context.',
    };
  }
  if (s === 'sync.Mutex.Lock' || s === 'sync.RWMutex.Lock' || s === 'sync.RWMutex.RLock' || s === 'semacquire') {
    return {
      rule: 'goroutines.lock-wait',
      title: 'waiting for a lock',
      advice: 'A lock is held for a long time or was never released (a missing Unlock on an error path). Look for the goroutine holding it in the other groups; prefer defer mu.Unlock().',
    };
  }
  if (s === 'sync.WaitGroup.Wait') {
    return {
      rule: 'goroutines.waitgroup',
      title: 'waiting for a WaitGroup that never reaches zero',
      advice: 'Add and Done do not balance: a worker returned without Done, or Add was called more times than goroutines were started.',
    };
  }
  if (s === 'sync.Cond.Wait') {
    return { rule: 'goroutines.cond-wait', title: 'waiting on a sync.Cond', advice: 'Nobody calls Signal/Broadcast any more; check the shutdown path wakes the waiters.' };
  }
  if (s === 'IO wait') {
    return {
      rule: 'goroutines.io-wait',
      title: 'waiting on network IO',
      advice: 'Connections that stay open with nobody on the other side. Set read/write deadlines (SetDeadline) or timeouts on the client/server, and close connections you no longer use.',
    };
  }
  return undefined;
}
