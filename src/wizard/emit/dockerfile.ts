// Dockerfile for a Go service: multi-stage, BuildKit cache mounts, -trimpath,
// -ldflags="-s -w"; CGO_ENABLED=0 on distroless static :nonroot, or a glibc
// base (distroless base, same Debian release as the builder) when cgo is on.

import type { Plan } from '../plan';
import { SRC } from '../../rules/sources';
import type { EmittedBlock, EmittedLine, Why } from '../types';

/** GOCACHE in the build stage, set explicitly so the cache mount names the same path. */
const BUILD_CACHE = '/go/cache';

const w = (text: string, sources: Why['sources'], evidence: string[] = []): Why => ({ text, evidence, sources });

/** The golang image tag: the toolchain, or the go.mod line when that is newer (the go command needs ≥ it). */
export function builderTag(plan: Plan): string {
  const s = plan.settings;
  const tool = s.goVersion.trim().replace(/^go/, '');
  const mod = s.goModVersion.trim().replace(/^go/, '');
  if (plan.goMinor === null) return mod && plan.goModMinor !== null ? mod : 'latest';
  if (plan.goModMinor !== null && plan.goModMinor > plan.goMinor) return mod;
  return tool;
}

export function emitDockerfile(plan: Plan): EmittedBlock {
  const cgo = plan.settings.cgo;
  const tag = builderTag(plan);
  const lines: EmittedLine[] = [];
  const add = (text: string, why?: Why) => lines.push(why ? { text, why } : { text });
  add('# syntax=docker/dockerfile:1', w('Use the current Dockerfile frontend (RUN --mount needs BuildKit).', [SRC.dockerCacheMounts]));
  if (cgo) {
    add(
      `FROM golang:${tag}-bookworm AS build`,
      w(
        'Build stage on Debian 12 (bookworm), the same glibc as the distroless base-debian12 runtime image: a cgo binary links against glibc and must not be built against a newer one. Cross-compiling cgo needs a C cross toolchain, so this builds for the platform it runs on.',
        [SRC.dockerMultiStage, SRC.cgo],
        [`Go ${tag}`, 'cgo: on'],
      ),
    );
  } else {
    add(
      `FROM --platform=$BUILDPLATFORM golang:${tag} AS build`,
      w('Build stage on the build machine\'s platform; Go cross-compiles for the target without emulation.', [SRC.dockerMultiStage, SRC.dockerCrossPlatform], [`Go ${tag}`]),
    );
  }
  add('WORKDIR /src', w('Build in a fixed directory; with -trimpath the path does not end up in the binary.', [SRC.dockerMultiStage]));
  add('COPY go.mod go.sum ./', w('Copy only the module files first so the dependency download is cached until they change.', [SRC.dockerCacheMounts]));
  add(
    'RUN --mount=type=cache,target=/go/pkg/mod go mod download',
    w('BuildKit cache mount on GOMODCACHE (/go/pkg/mod in the golang image): modules are kept between builds and never land in a layer.', [SRC.dockerCacheMounts]),
  );
  add('COPY . .', w('Copy the source after the download, so editing code does not invalidate the cached module layer.', [SRC.dockerCacheMounts]));
  const buildWhy = w(
    cgo
      ? 'Cache mounts on GOMODCACHE and GOCACHE make rebuilds incremental. CGO_ENABLED=1 because the service uses cgo; -trimpath drops build-machine paths; -ldflags="-s -w" drops the symbol table and DWARF (panics still show function names and file:line from pclntab).'
      : 'Cache mounts on GOMODCACHE and GOCACHE make rebuilds incremental. CGO_ENABLED=0 gives a static binary that runs on distroless static; -trimpath drops build-machine paths; -ldflags="-s -w" drops the symbol table and DWARF (panics still show function names and file:line from pclntab).',
    [SRC.dockerCacheMounts, SRC.goBuildFlags, SRC.goLinkFlags, SRC.cgo],
  );
  if (!cgo) {
    const argWhy = w('Set by BuildKit for each target platform (docker buildx build --platform ...); one per line so every Dockerfile linter sees both.', [SRC.dockerCrossPlatform]);
    add('ARG TARGETOS', argWhy);
    add('ARG TARGETARCH', argWhy);
  }
  add(
    `ENV GOCACHE=${BUILD_CACHE}`,
    w("The build cache at a path this file names, not the image's default under the root user's home, so the cache mount below and the go command agree whatever user or image the build runs as.", [SRC.dockerCacheMounts]),
  );
  add('RUN --mount=type=cache,target=/go/pkg/mod \\', buildWhy);
  add(`    --mount=type=cache,target=${BUILD_CACHE} \\`, buildWhy);
  add(cgo ? '    CGO_ENABLED=1 \\' : '    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH \\', buildWhy);
  add('    go build -trimpath -ldflags="-s -w" -o /out/app .', buildWhy);
  add('');
  if (cgo) {
    add(
      'FROM gcr.io/distroless/base-debian12:nonroot',
      w('Runtime stage with glibc (cgo needs it), CA certificates and tzdata, no shell, running as uid 65532.', [SRC.distroless, SRC.cgo]),
    );
  } else {
    add(
      'FROM gcr.io/distroless/static-debian12:nonroot',
      w('Runtime stage for a static binary: CA certificates, tzdata and /etc/passwd, no shell, no libc, running as uid 65532.', [SRC.distroless]),
    );
  }
  add('COPY --from=build /out/app /app', w('Only the binary goes into the runtime image; the toolchain and sources stay in the build stage.', [SRC.dockerMultiStage]));
  add('USER nonroot:nonroot', w('Run as the unprivileged user the :nonroot image defines.', [SRC.distroless]));
  add(
    'ENTRYPOINT ["/app"]',
    w(
      'Exec form: the Go process is PID 1 and gets SIGTERM directly. GOMEMLIMIT/GOMAXPROCS are not baked into the image: they depend on the limits of each deployment, so they go in the Helm values.',
      [SRC.runtimeEnv],
    ),
  );
  return { id: 'dockerfile', title: 'Dockerfile', filename: 'Dockerfile', language: 'dockerfile', text: lines.map((l) => l.text).join('\n') + '\n', lines };
}
