// Primary sources the wizard and the config linter link to. One place, so a
// moved page is fixed once.

/** A primary source: Go docs, release notes, Kubernetes docs, library source. */
export interface SourceLink {
  label: string;
  url: string;
}

const s = (label: string, url: string): SourceLink => ({ label, url });

export const SRC = {
  gcGuideGOGC: s('Go GC guide: GOGC', 'https://go.dev/doc/gc-guide#GOGC'),
  gcGuideMemoryLimit: s('Go GC guide: memory limit', 'https://go.dev/doc/gc-guide#Memory_limit'),
  gcGuideSuggestedUses: s('Go GC guide: suggested uses of the memory limit', 'https://go.dev/doc/gc-guide#Suggested_uses'),
  setMemoryLimit: s('runtime/debug.SetMemoryLimit', 'https://pkg.go.dev/runtime/debug#SetMemoryLimit'),
  runtimeEnv: s('runtime: environment variables', 'https://pkg.go.dev/runtime#hdr-Environment_Variables'),
  runtimeGOMAXPROCS: s('runtime.GOMAXPROCS (default and updates)', 'https://pkg.go.dev/runtime#GOMAXPROCS'),
  parseByteCount: s('Go runtime parseByteCount (accepted GOMEMLIMIT syntax)', 'https://github.com/golang/go/blob/master/src/runtime/string.go'),
  readGOGC: s('Go runtime readGOGC / readGOMEMLIMIT', 'https://github.com/golang/go/blob/master/src/runtime/mgcpacer.go'),
  procGOMAXPROCSEnv: s('Go runtime schedinit: GOMAXPROCS env must be > 0', 'https://github.com/golang/go/blob/master/src/runtime/proc.go'),
  go119: s('Go 1.19 release notes: soft memory limit', 'https://go.dev/doc/go1.19#runtime'),
  go125: s('Go 1.25 release notes: container-aware GOMAXPROCS', 'https://go.dev/doc/go1.25#container-aware-gomaxprocs'),
  blogContainerGOMAXPROCS: s('Go blog: container-aware GOMAXPROCS', 'https://go.dev/blog/container-aware-gomaxprocs'),
  godebug: s('Go, Backwards Compatibility, and GODEBUG', 'https://go.dev/doc/godebug'),
  godebugHistory: s('GODEBUG history (settings by Go version)', 'https://go.dev/doc/godebug#history'),
  memLimitProposal: s('golang/go#75164: derive GOMEMLIMIT from the cgroup (open proposal)', 'https://github.com/golang/go/issues/75164'),
  k8sResources: s('Kubernetes: resource management for pods and containers', 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/'),
  k8sQuantity: s('Kubernetes API: Quantity', 'https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/'),
  k8sDownwardApi: s('Kubernetes: Downward API (limits default to node allocatable)', 'https://kubernetes.io/docs/concepts/workloads/pods/downward-api/'),
  k8sEnvResourceFields: s('Kubernetes: expose container resources as env vars', 'https://kubernetes.io/docs/tasks/inject-data-application/environment-variable-expose-pod-information/'),
  k8sRounding: s('Kubernetes resource helpers: resourceFieldRef rounds up', 'https://github.com/kubernetes/kubernetes/blob/master/pkg/api/v1/resource/helpers.go'),
  automaxprocs: s('uber-go/automaxprocs (rounds down, minimum 1)', 'https://github.com/uber-go/automaxprocs'),
  automemlimit: s('KimMachineGun/automemlimit (0.9 × cgroup limit)', 'https://github.com/KimMachineGun/automemlimit'),
  dockerCacheMounts: s('Docker: use cache mounts', 'https://docs.docker.com/build/cache/optimize/#use-cache-mounts'),
  dockerMultiStage: s('Docker: multi-stage builds', 'https://docs.docker.com/build/building/multi-stage/'),
  dockerCrossPlatform: s('Docker: multi-platform builds (BUILDPLATFORM, TARGETOS, TARGETARCH)', 'https://docs.docker.com/build/building/multi-platform/'),
  goBuildFlags: s('go build flags (-trimpath, -ldflags)', 'https://pkg.go.dev/cmd/go#hdr-Compile_packages_and_dependencies'),
  goLinkFlags: s('go tool link (-s, -w)', 'https://pkg.go.dev/cmd/link'),
  cgo: s('cgo and CGO_ENABLED', 'https://pkg.go.dev/cmd/cgo'),
  distroless: s('distroless images (static, base, :nonroot)', 'https://github.com/GoogleContainerTools/distroless'),
  goModGodebug: s('go.mod godebug directive', 'https://go.dev/ref/mod#go-mod-file-godebug'),
  clientGolangChangelog: s('client_golang CHANGELOG (removed Go collector metrics)', 'https://github.com/prometheus/client_golang/blob/main/CHANGELOG.md'),
} as const;
