import { parse, stringify } from 'yaml';

import { coerceService } from './fdl-coerce';
import type { Issue, Service } from './service';

// OSCAR's Function Definition Language (OSCAR pkg/types/service.go): YAML with services nested as
// `functions.oscar[].<cluster-id>.<service fields>`, the script named as a file beside it.
// Depends on the `yaml` package, so it is kept out of the core's index.

export interface FdlService {
  clusterId: string;
  service: Service;
}

export interface FdlImport {
  services: FdlService[];
  issues: Issue[];
}

const FILE_NAME = /^[\w./-]+$/;

/**
 * Reads an FDL. `files` maps file names to contents: `script: script.sh` takes the file
 * `script.sh` (or one whose name ends the same). A multi-line `script` is taken as the script
 * itself. Scalars stay text, as OSCAR's Go structs read them (`cpu: 3.0` is "3.0").
 */
export function importFdl(text: string, files: Readonly<Record<string, string>>, options: { namespace: string }): FdlImport {
  let doc: unknown;
  try {
    doc = parse(text, { schema: 'failsafe' });
  } catch (e) {
    return { services: [], issues: [{ path: [], message: `is not valid YAML: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  const oscar = child(child(doc, 'functions'), 'oscar');
  if (!Array.isArray(oscar))
    return {
      services: [],
      issues: [
        {
          path: ['functions', 'oscar'],
          message: 'must be a list of services, as in functions: { oscar: [ { <cluster-id>: { name: … } } ] }',
        },
      ],
    };
  const services: FdlService[] = [];
  const issues: Issue[] = [];
  oscar.forEach((entry: unknown, i) => {
    const clusters = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? Object.entries(entry) : [];
    if (clusters.length === 0) issues.push({ path: ['functions', 'oscar', i], message: 'must map a cluster id to a service' });
    for (const [clusterId, raw] of clusters) {
      const at = ['functions', 'oscar', i, clusterId];
      const script = readScript(child(raw, 'script'), files);
      if (script.issue !== null) issues.push({ path: [...at, 'script'], message: script.issue });
      const result = coerceService(raw, options.namespace, script.content, at);
      issues.push(...result.issues);
      services.push({ clusterId, service: result.service });
    }
  });
  return { services, issues };
}

function child(v: unknown, key: string): unknown {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined;
}

function readScript(value: unknown, files: Readonly<Record<string, string>>): { content: string; issue: string | null } {
  if (typeof value !== 'string' || value === '') return { content: '', issue: null };
  const byName = Object.hasOwn(files, value)
    ? files[value]
    : Object.entries(files).find(([name]) => value.endsWith(`/${name}`) || name.endsWith(`/${value}`))?.[1];
  if (byName !== undefined) return { content: byName, issue: null };
  if (!value.includes('\n') && FILE_NAME.test(value)) {
    return { content: '', issue: `names the file '${value}'; add that file to the import` };
  }
  return { content: value, issue: null };
}

/** OSCAR's key order; `namespace` is not part of an FDL. Empty values are left out. */
const KEYS = [
  'name',
  'memory',
  'cpu',
  'enable_gpu',
  'image',
  'script',
  'log_level',
  'vo',
  'visibility',
  'allowed_users',
  'interlink_node_name',
  'environment',
  'annotations',
  'labels',
  'input',
  'output',
  'mount',
  'volume',
] as const satisfies ReadonlyArray<keyof Service>;

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === false) return true;
  return typeof v === 'object' && Object.keys(v).length === 0;
}

/**
 * Writes an FDL and the script files it names (`<service>.sh`, numbered when two services
 * of the same name have different scripts). importFdl(exportFdl(x)) gives x back.
 */
export function exportFdl(entries: readonly FdlService[]): { yaml: string; files: Record<string, string> } {
  const files: Record<string, string> = {};
  const oscar = entries.map(({ clusterId, service }) => {
    let file = `${service.name || 'script'}.sh`;
    for (let n = 2; files[file] !== undefined && files[file] !== service.script; n++) file = `${service.name || 'script'}-${n}.sh`;
    files[file] = service.script;
    const fields: Record<string, unknown> = {};
    for (const key of KEYS) {
      const value = key === 'script' ? file : key === 'environment' ? envOf(service) : service[key];
      if (!isEmpty(value)) fields[key] = value;
    }
    return { [clusterId]: fields };
  });
  return { yaml: stringify({ functions: { oscar } }, { lineWidth: 0 }), files };
}

function envOf(service: Service): Record<string, unknown> {
  const { variables = {}, secrets = {} } = service.environment ?? {};
  return { ...(Object.keys(variables).length > 0 && { variables }), ...(Object.keys(secrets).length > 0 && { secrets }) };
}
