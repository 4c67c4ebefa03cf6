import { canonicalService, VISIBILITIES, type Issue, type Service, type StorageIO, type Visibility } from './service';

// One FDL service entry (already parsed from YAML with every scalar kept as text, as OSCAR's
// Go structs read it) → a Service. Wrong shapes become issues naming the key, never throws.

type Path = ReadonlyArray<string | number>;

class Reader {
  readonly issues: Issue[] = [];
  constructor(private readonly at: Path) {}

  fail(key: Path, message: string): undefined {
    this.issues.push({ path: [...this.at, ...key], message });
    return undefined;
  }

  text(v: unknown, key: Path): string | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return this.fail(key, 'must be a single value');
  }

  bool(v: unknown, key: Path): boolean | undefined {
    const t = this.text(v, key)?.toLowerCase();
    if (t === undefined || t === '') return undefined;
    if (t === 'true' || t === 'false') return t === 'true';
    return this.fail(key, 'must be true or false');
  }

  map(v: unknown, key: Path): Record<string, string> | undefined {
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) return this.fail(key, 'must be a map of names to values');
    // fromEntries, not assignment: a key such as __proto__ must stay an ordinary key.
    return Object.fromEntries(
      Object.entries(v).flatMap(([k, item]): Array<[string, string]> => {
        const t = item === null ? '' : this.text(item, [...key, k]);
        return t === undefined ? [] : [[k, t]];
      }),
    );
  }

  list(v: unknown, key: Path): unknown[] | undefined {
    if (v === undefined || v === null || v === '') return undefined;
    return Array.isArray(v) ? v : this.fail(key, 'must be a list');
  }

  texts(v: unknown, key: Path): string[] | undefined {
    return this.list(v, key)?.flatMap((item, i) => this.text(item, [...key, i]) ?? []);
  }

  storage(v: unknown, key: Path): StorageIO[] | undefined {
    return this.list(v, key)?.flatMap((item, i) => {
      const m = this.object(item, [...key, i]);
      if (m === undefined) return [];
      const io: StorageIO = {
        storage_provider: this.text(m.storage_provider, [...key, i, 'storage_provider']) ?? '',
        path: this.text(m.path, [...key, i, 'path']) ?? '',
      };
      const suffix = this.texts(m.suffix, [...key, i, 'suffix']);
      const prefix = this.texts(m.prefix, [...key, i, 'prefix']);
      return [{ ...io, ...(suffix && { suffix }), ...(prefix && { prefix }) }];
    });
  }

  object(v: unknown, key: Path): Record<string, unknown> | undefined {
    if (v === undefined || v === null || v === '' || v === 'null' || v === '~') return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) return this.fail(key, 'must be a map');
    return v as Record<string, unknown>;
  }
}

/** A Service from one entry; `script` is the content, already read from its file. */
export function coerceService(raw: unknown, namespace: string, script: string, at: Path): { service: Service; issues: Issue[] } {
  const r = new Reader(at);
  const m = r.object(raw, []) ?? {};
  const env = r.object(m.environment, ['environment']) ?? {};
  const visibility = r.text(m.visibility, ['visibility']);
  const known = visibility === undefined || visibility === '' || (VISIBILITIES as readonly string[]).includes(visibility);
  if (!known) r.fail(['visibility'], `must be one of ${VISIBILITIES.join(', ')}`);
  const mount = r.object(m.mount, ['mount']);
  const volume = r.object(m.volume, ['volume']);
  const service: Service = {
    name: r.text(m.name, ['name']) ?? '',
    namespace,
    image: r.text(m.image, ['image']) ?? '',
    script,
    interlink_node_name: r.text(m.interlink_node_name, ['interlink_node_name']),
    environment: { variables: r.map(env.variables, ['environment', 'variables']), secrets: r.map(env.secrets, ['environment', 'secrets']) },
    annotations: r.map(m.annotations, ['annotations']),
    labels: r.map(m.labels, ['labels']),
    memory: r.text(m.memory, ['memory']),
    cpu: r.text(m.cpu, ['cpu']),
    enable_gpu: r.bool(m.enable_gpu, ['enable_gpu']),
    log_level: r.text(m.log_level, ['log_level']),
    vo: r.text(m.vo, ['vo']),
    visibility: known && visibility !== '' ? (visibility as Visibility | undefined) : undefined,
    allowed_users: r.texts(m.allowed_users, ['allowed_users']),
    input: r.storage(m.input, ['input']),
    output: r.storage(m.output, ['output']),
    mount: mount && {
      storage_provider: r.text(mount.storage_provider, ['mount', 'storage_provider']) ?? '',
      path: r.text(mount.path, ['mount', 'path']) ?? '',
    },
    volume: volume && { mount_path: r.text(volume.mount_path, ['volume', 'mount_path']) ?? '', ...r.map(volume, ['volume']) },
  };
  return { service: canonicalService(service), issues: r.issues };
}
