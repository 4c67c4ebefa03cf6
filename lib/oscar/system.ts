import 'server-only';

import { isAllowed, LIST_NODES } from '@/lib/k8s/access';
import { serverVersion } from '@/lib/k8s/objects';
import { nodesFor } from '@/lib/nodes/nodes';
import pkg from '@/package.json';

import type { OscarCaller } from './caller';
import { STORAGE_PATH } from './router';

// /system/info and /system/config in OSCAR 3.3's shapes (types.Info, handlers.configForUser),
// and the answer to oscar-cli's storage commands, which Offload cannot serve: it has no
// MinIO (nor any OSCAR storage provider).

const GOARCH: Readonly<Record<string, string>> = {
  x64: 'amd64',
  arm64: 'arm64',
  ia32: '386',
  arm: 'arm',
  ppc64: 'ppc64le',
  s390x: 's390x',
};

export async function systemInfo(caller: OscarCaller) {
  const version = await serverVersion(caller.identity);
  return {
    version: `offload-${pkg.version}`,
    git_commit: '',
    architecture: GOARCH[process.arch] ?? process.arch,
    kubernetes_version: version.gitVersion ?? '',
    // No serverless_backend: OSCAR leaves it out without Knative or OpenFaaS.
  };
}

/**
 * OSCAR's configuration for this caller. `minio_provider` must be present: oscar-cli's
 * storage commands read its fields unchecked and crash without them
 * (github.com/grycap/oscar-cli/blob/v1.12.2/pkg/storage/storage.go getProvider). It points
 * at STORAGE_PATH, which refuses every call with a sentence the CLI prints, and carries no
 * credential. Whether virtual nodes exist is said only to who may list nodes.
 */
export async function systemConfig(caller: OscarCaller, origin: string, basePath: string) {
  const nodes = (await isAllowed(caller.identity, LIST_NODES)) ? (await nodesFor(caller.identity)).virtualNodes : [];
  return {
    config: {
      name: 'offload',
      namespace: '',
      services_namespace: caller.namespace,
      gpu_available: nodes.some((n) => n.accelerators.length > 0),
      interLink_available: nodes.length > 0,
      yunikorn_enable: false,
    },
    minio_provider: {
      endpoint: `${origin}${basePath}/${STORAGE_PATH}`,
      verify: origin.startsWith('https:'),
      access_key: 'none',
      secret_key: 'none',
      region: 'us-east-1',
    },
  };
}

export const NO_STORAGE =
  'Offload has no storage provider: it runs OSCAR services on Slurm without MinIO, so ' +
  'put-file, get-file, list-files and delete-file have nothing to work on. Give a job its ' +
  'input with "oscar-cli service job SERVICE --file-input FILE" and read its output with ' +
  '"oscar-cli service logs get".';

/** An S3 error document, which oscar-cli's S3 client (aws-sdk-go) reads and prints as `Code: Message`. */
export function noStorageAnswer(method: string): Response {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoStorageProvider</Code><Message>${NO_STORAGE}</Message></Error>\n`;
  return new Response(method === 'HEAD' ? null : xml, {
    status: 501,
    headers: { 'Content-Type': 'application/xml', 'Cache-Control': 'no-store' },
  });
}
