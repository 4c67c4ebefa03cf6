import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { validForm } from '../../scripts/lib/arbitraries/service.ts';
import { formToService } from '@/lib/interlink/services/service-form';
import { canonicalService, type Service } from '@/lib/interlink/services/service';

import { describeIssues, oscarFromService, sendsSecrets, serviceFromOscar } from './service-json';

// What oscar-cli 1.12.2 sends for an FDL service: json.Marshal of OSCAR 3.3's types.Service
// after `apply` filled in cluster_id, clusters and storage_providers (cmd/apply.go).
const fromCli = {
  name: 'hello',
  cluster_id: 'offload',
  memory: '',
  cpu: '',
  total_memory: '',
  total_cpu: '',
  enable_gpu: false,
  enable_sgx: false,
  image_prefetch: false,
  synchronous: { min_scale: 0, max_scale: 0 },
  delegation: '',
  rescheduler_threshold: 0,
  log_level: 'info',
  image: 'docker://alpine:3.20',
  alpine: false,
  token: '',
  file_stage_in: false,
  input: null,
  output: null,
  script: 'echo "$EVENT" | base64 -d\n',
  expose: { min_scale: 0, max_scale: 0, cpu_threshold: 0, rewrite_target: false, nodePort: 0, default_command: false, set_auth: false },
  environment: { Variables: { GREETING: 'hi there' } },
  annotations: { 'slurm-job.vk.io/flags': '--time=00:05:00 --cpus-per-task=1 --mem=256M' },
  vo: '',
  labels: null,
  storage_providers: {},
  clusters: { offload: { endpoint: 'http://127.0.0.1:3000/oscar', auth_user: 'alice', auth_password: 'the-token', ssl_verify: true } },
  owner: '',
  interlink_node_name: 'vega-vk',
  allowed_users: null,
  mount: { storage_provider: '', path: '' },
};

describe('serviceFromOscar', () => {
  it("reads what oscar-cli sends, with OSCAR's defaults, and keeps nothing of the cluster's credentials", () => {
    const { service, issues } = serviceFromOscar(fromCli, 'alice');
    expect(issues).toEqual([]);
    expect(service).toEqual(
      canonicalService({
        name: 'hello',
        namespace: 'alice',
        image: 'docker://alpine:3.20',
        script: 'echo "$EVENT" | base64 -d\n',
        interlink_node_name: 'vega-vk',
        environment: { variables: { GREETING: 'hi there' } },
        annotations: { 'slurm-job.vk.io/flags': '--time=00:05:00 --cpus-per-task=1 --mem=256M' },
        memory: '256Mi',
        cpu: '0.2',
        log_level: 'INFO',
      }),
    );
    expect(JSON.stringify(service)).not.toContain('the-token');
  });

  it('matches keys as Go does, ignoring case, and keeps secrets when a client sends them', () => {
    const { service, issues } = serviceFromOscar(
      { ...fromCli, environment: { variables: { A: '1' }, SECRETS: { B: '2' } }, Image: 'docker://busybox' },
      'alice',
    );
    expect(issues).toEqual([]);
    expect(service.environment).toEqual({ variables: { A: '1' }, secrets: { B: '2' } });
    expect(service.image).toBe('docker://busybox');
  });

  it('refuses an OSCAR feature Offload does not have when it is set, naming the key and what it does', () => {
    const { issues } = serviceFromOscar(
      { ...fromCli, enable_sgx: true, expose: { ...fromCli.expose, api_port: 8080 }, image_pull_secrets: ['regcred'] },
      'alice',
    );
    expect(issues.map((i) => i.path.join('.'))).toEqual(['enable_sgx', 'image_pull_secrets', 'expose']);
    expect(issues[0]?.message).toBe(
      'is not supported by Offload (in OSCAR it runs the container with Intel SGX (SCONE)); leave it out or at its default',
    );
  });

  it('refuses a key no OSCAR service has, rather than dropping it', () => {
    const { issues } = serviceFromOscar({ ...fromCli, replicaz: 3, environment: { Variables: {}, files: {} } }, 'alice');
    expect(issues).toEqual([
      { path: ['replicaz'], message: 'is not a key of an OSCAR service; Offload refuses it rather than ignore it' },
      { path: ['environment', 'files'], message: 'is not a key of an OSCAR environment: use Variables (or secrets)' },
    ]);
  });

  it("applies Offload's own rules, naming the field", () => {
    const flags = { 'slurm-job.vk.io/flags': '--time=00:05:00 --output=/tmp/x' };
    const { issues } = serviceFromOscar(
      { ...fromCli, name: 'Hello_World', annotations: flags, input: [{ storage_provider: 'minio.default', path: 'in' }] },
      'alice',
    );
    const fields = issues.map((i) => i.path.join('.'));
    expect(fields).toContain('name');
    expect(fields).toContain('input');
    expect(fields.some((f) => f.startsWith('annotations.slurm-job.vk.io/flags'))).toBe(true);
  });

  it('refuses a namespace other than the base path’s, and a body that is not an object', () => {
    expect(serviceFromOscar({ ...fromCli, namespace: 'bob' }, 'alice').issues[0]?.path).toEqual(['namespace']);
    expect(serviceFromOscar({ ...fromCli, namespace: 'alice' }, 'alice').issues).toEqual([]);
    expect(serviceFromOscar([fromCli], 'alice').issues).toEqual([
      { path: [], message: "must be a JSON object: OSCAR's service definition" },
    ]);
  });

  it('says every problem in one sentence, as OSCAR begins its 400 answers', () => {
    expect(
      describeIssues([
        { path: ['name'], message: 'is required' },
        { path: [], message: 'must be an object' },
      ]),
    ).toBe('The service specification is not valid: name: is required; the body: must be an object.');
  });
});

describe('oscarFromService', () => {
  it("answers every key of OSCAR 3.3's service, the environment as Variables, no secret values", () => {
    const service: Service = {
      ...serviceFromOscar(fromCli, 'alice').service,
      environment: { variables: { A: '1' }, secrets: { S: 'hidden' } },
    };
    const answer = oscarFromService(service, 'tok');
    expect(Object.keys(answer).sort()).toEqual(
      Object.keys({ ...fromCli, storage_providers: undefined, clusters: undefined })
        .filter((k) => !['storage_providers', 'clusters'].includes(k))
        .sort(),
    );
    expect(answer.environment).toEqual({ Variables: { A: '1' } });
    expect(answer.token).toBe('tok');
    expect(JSON.stringify(answer)).not.toContain('hidden');
  });

  it(
    'gives back what it is sent: a valid service survives the round trip but for what OSCAR 3.3 ' +
      "has not (secrets, visibility) and OSCAR's defaults",
    () => {
      fc.assert(
        fc.property(fc.oneof(validForm(true), validForm(false)), (form) => {
          const service = canonicalService(formToService(form));
          const back = serviceFromOscar(JSON.parse(JSON.stringify(oscarFromService(service, ''))), form.namespace);
          expect(back.issues).toEqual([]);
          expect(back.service).toEqual({
            ...service,
            environment: { variables: service.environment?.variables, secrets: {} },
            visibility: 'private',
            memory: service.memory || '256Mi',
            cpu: service.cpu || '0.2',
            log_level: service.log_level || 'INFO',
          });
        }),
        { numRuns: 60 },
      );
    },
  );
});

describe('sendsSecrets', () => {
  it('is true only when the body has environment.secrets, in any case', () => {
    expect(sendsSecrets(fromCli)).toBe(false);
    expect(sendsSecrets({ Environment: { Secrets: {} } })).toBe(true);
    expect(sendsSecrets(null)).toBe(false);
  });
});
