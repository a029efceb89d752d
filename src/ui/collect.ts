// How to produce each kind of input from a Go service in Kubernetes: the
// commands a Go engineer runs, shown on the start page with copy buttons.
// Names are placeholders (deploy/my-service, port 6060) for the reader to
// replace; nothing typed by a user is put into these commands.

export interface CollectStep {
  /** What the step does, in plain words. */
  text: string;
  /** The command or snippet to copy. */
  code: string;
}

export interface CollectKind {
  id: string;
  title: string;
  /** What it shows in gotune. */
  shows: string;
  steps: CollectStep[];
}

const PORT_FORWARD: CollectStep = {
  text: 'Forward the pprof port of one pod to your machine (the service imports net/http/pprof and serves it on localhost:6060; leave this running in its own terminal):',
  code: 'kubectl port-forward deploy/my-service 6060:6060',
};

/** A kind fetched from the pprof port: port-forward, then one curl. */
const fromPprof = (id: string, title: string, shows: string, text: string, code: string): CollectKind => ({ id, title, shows, steps: [PORT_FORWARD, { text, code }] });

export const COLLECT: CollectKind[] = [
  {
    id: 'godebug',
    title: 'GODEBUG logs (GC and scheduler traces)',
    shows: 'every GC cycle (pauses, heap against its goal, GC CPU) and the scheduler once a second (threads, Ps, run queues)',
    steps: [
      {
        text: 'Turn the traces on in the Deployment’s container (the runtime writes them to stderr; a rollout restarts the pods):',
        code: 'env:\n  - name: GODEBUG\n    value: gctrace=1,schedtrace=1000',
      },
      { text: 'After a few minutes under load, save the pod’s log:', code: 'kubectl logs deploy/my-service --since=10m > godebug.log' },
    ],
  },
  fromPprof('cpu', 'CPU profile', 'where the CPU time goes, as a flame graph and pprof’s top table', 'Record 30 seconds of CPU samples:', "curl -o cpu.pb.gz 'http://localhost:6060/debug/pprof/profile?seconds=30'"),
  fromPprof('heap', 'Heap profile', 'who holds memory now (inuse) and who allocated since start (alloc)', 'Save the heap profile:', 'curl -o heap.pb.gz http://localhost:6060/debug/pprof/heap'),
  fromPprof('goroutines', 'Goroutine dump', 'every goroutine with its stack and how long it has waited; two dumps a few minutes apart show a leak growing', 'Save every goroutine’s stack:', "curl -o goroutines.txt 'http://localhost:6060/debug/pprof/goroutine?debug=2'"),
  fromPprof('goroutineleak', 'Goroutine leak profile (Go 1.26+)', 'goroutines blocked for ever on something no other goroutine can reach, found by the GC (build with GOEXPERIMENT=goroutineleakprofile)', 'Save the leak profile:', 'curl -o goroutineleak.pb.gz http://localhost:6060/debug/pprof/goroutineleak'),
  fromPprof('trace', 'Execution trace', 'stop-the-world pauses by reason, GC cycles, scheduler latency and MMU, from every runtime event', 'Record 5 seconds (traces are large; a few seconds under load is enough):', "curl -o trace.out 'http://localhost:6060/debug/pprof/trace?seconds=5'"),
  {
    id: 'metrics',
    title: 'Prometheus /metrics',
    shows: 'GC pauses, heap, GOMEMLIMIT and scheduler latency from the runtime’s own counters; two scrapes give rates',
    steps: [
      { text: 'Forward the port the service serves /metrics on (8080 here):', code: 'kubectl port-forward deploy/my-service 8080:8080' },
      { text: 'Scrape twice, a minute apart, and drop both files:', code: 'curl -o scrape-1.txt http://localhost:8080/metrics; sleep 60; curl -o scrape-2.txt http://localhost:8080/metrics' },
    ],
  },
  fromPprof('expvar', 'expvar /debug/vars', 'memstats with the last 256 GC pauses, and the command line', 'Save the published variables:', 'curl -o vars.json http://localhost:6060/debug/vars'),
  {
    id: 'config',
    title: 'Deployment and Dockerfile',
    shows: 'CPU and memory requests and limits against GOMAXPROCS, GOMEMLIMIT and GOGC',
    steps: [{ text: 'Save the Deployment as the cluster has it (and drop your Dockerfile too):', code: 'kubectl get deploy my-service -o yaml > deployment.yaml' }],
  },
];

/** What the service needs for the curl commands: net/http/pprof on a local port. */
export const PPROF_SETUP = 'import _ "net/http/pprof"\n\n// in main:\ngo func() { log.Println(http.ListenAndServe("localhost:6060", nil)) }()';
