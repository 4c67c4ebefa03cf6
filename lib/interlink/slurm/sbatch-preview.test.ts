import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { buildJob } from '../jobs/job-builder';
import type { JobManifest } from '../jobs/job-manifest';
import { buildPreview, renderBatchFile, renderJobScript, renderSbatchPreview } from './sbatch-preview';
import type { Service } from '../services/service';
import { flagValue, validForm, wildForm } from '../../../scripts/lib/arbitraries/service.ts';
import { formToService } from '../services/service-form';
import { validateService } from '../services/service-rules';
import { testService } from '../../../scripts/lib/test-service.ts';

// Expected texts follow the released plugin 0.6.1's rendering (pkg/slurm/prepare.go); the
// lab's run test (app/api/services/run.int.test.ts) compares a preview with the real file.

const UUID = '3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b';
const DIR = '/tmp/interlink-jobs/alice-<pod-uid>';
const hello: Service = {
  ...testService('hello', 'alice'),
  environment: { variables: { A: '1' }, secrets: { S: '2' } },
  annotations: {
    'slurm-job.vk.io/flags': '--time=00:05:00 --cpus-per-task=2 --mem=512M --account=proj',
    'slurm-job.vk.io/pre-exec': 'module load singularity',
    'slurm-job.vk.io/singularity-options': '--no-home',
    'slurm-job.vk.io/singularity-mounts': '--bind /data:/data:ro',
  },
};

describe('renderSbatchPreview', () => {
  it('shows job.slurm and job.sh as plugin 0.6.1 writes them', () => {
    const { sbatch } = buildPreview(hello, { owner: 'alice', uuid: UUID });
    expect(sbatch).toBe(
      [
        '#!/bin/bash',
        '#SBATCH --job-name=<pod-uid>',
        `#SBATCH --output=${DIR}/job.out`,
        '#SBATCH --time=00:05:00',
        '#SBATCH --cpus-per-task=2',
        '#SBATCH --mem=512M',
        '#SBATCH --account=proj',
        '',
        `module load singularity`,
        ` ${DIR}/job.sh`,
        `# ${DIR}/job.sh, run by the batch script above:`,
        '#!/bin/bash',
        'set +e',
        `singularity exec --nv --no-eval --containall --bind /data:/data:ro --no-home ` +
          `--env-file ${DIR}/oscar-container_envfile.properties  ` +
          `--bind ${DIR}/volumes/oscar-config:/oscar/config:ro ` +
          `--bind ${DIR}/volumes/offload-secrets:/oscar/secrets:ro docker://alpine:3.20 /bin/sh ` +
          `/oscar/config/offload-prelude.sh &> '${DIR}/oscar-container.out'`,
        `echo $? > ${DIR}/oscar-container.status`,
        '',
      ].join('\n'),
    );
  });

  it('reproduces the plugin quirks on a job Offload did not write', () => {
    const job: JobManifest = structuredClone(buildJob(hello, { owner: 'alice', uuid: UUID }).job);
    job.spec.template.metadata.annotations = {
      'slurm-job.vk.io/flags': '-p gpu  --nodes 1 --mem=4G --mem=8G --cpus-per-task=4',
      'slurm-job.vk.io/pre-exec': 'echo no newline',
      'slurm-job.vk.io/image-root': '/shared/images/',
    };
    const [container] = job.spec.template.spec.containers;
    if (container === undefined) throw new Error('no container');
    Object.assign(container, {
      resources: { limits: { cpu: '2500m', memory: '1.5Gi' } },
      image: 'itwinai.sif',
      command: [],
      args: ["it's"],
    });
    // Split on single spaces, limits beat the annotation, duplicates keep the last, and the
    // pre-exec without a newline swallows the job script.
    expect(renderBatchFile(job)).toBe(
      `#!/bin/bash\n#SBATCH --job-name=<pod-uid>\n#SBATCH --output=${DIR}/job.out\n#SBATCH ` +
        `-p\n#SBATCH gpu\n#SBATCH \n#SBATCH --nodes\n#SBATCH 1\n#SBATCH --cpus-per-task=3\n#SBATCH ` +
        `--mem=1536\n\necho no newline ${DIR}/job.sh\n`,
    );
    expect(renderJobScript(job)).toBe(
      `#!/bin/bash\nset +e\nsingularity run --nv --no-eval --containall   ` +
        `--env-file ${DIR}/oscar-container_envfile.properties  ` +
        `--bind ${DIR}/volumes/oscar-config:/oscar/config:ro ` +
        `--bind ${DIR}/volumes/offload-secrets:/oscar/secrets:ro /shared/images/itwinai.sif ` +
        `'it'"'"'s' &> '${DIR}/oscar-container.out'\necho $? > ${DIR}/oscar-container.status\n`,
    );
  });

  it("renders 0.6.2-pre5's batch file: a flag's values on its line, the job path on its own line", () => {
    const job: JobManifest = structuredClone(buildJob(hello, { owner: 'alice', uuid: UUID }).job);
    job.spec.template.metadata.annotations = {
      'slurm-job.vk.io/flags': '-p gpu  --nodes 1 --time=5 --time 7 --exclusive',
      'slurm-job.vk.io/pre-exec': 'echo a',
    };
    expect(renderBatchFile(job, { release: '0.6.2', podUid: 'u1' })).toBe(
      '#!/bin/bash\n#SBATCH --job-name=u1\n#SBATCH ' +
        '--output=/tmp/interlink-jobs/alice-u1/job.out\n#SBATCH -p gpu\n#SBATCH --nodes 1\n#SBATCH ' +
        '--time 7\n#SBATCH --exclusive\n#SBATCH --cpus-per-task=1\n#SBATCH --mem=1\n\necho ' +
        'a\n/tmp/interlink-jobs/alice-u1/job.sh\n',
    );
  });

  it('adds the plugin defaults --cpus-per-task=1 and --mem=1 when nothing overrides them', () => {
    const job: JobManifest = structuredClone(buildJob(hello, { owner: 'alice', uuid: UUID }).job);
    job.spec.template.metadata.annotations = { 'slurm-job.vk.io/flags': '--time=5' };
    expect(renderBatchFile(job, { podUid: 'u1', dataRootFolder: '/jobs/' })).toBe(
      '#!/bin/bash\n#SBATCH --job-name=u1\n#SBATCH --output=/jobs/alice-u1/job.out\n#SBATCH ' +
        '--cpus-per-task=1\n#SBATCH --mem=1\n#SBATCH --time=5\n /jobs/alice-u1/job.sh\n',
    );
  });

  it('is empty for an ordinary node', () => {
    expect(buildPreview({ ...hello, interlink_node_name: '', image: 'alpine:3.20', annotations: {} }, { owner: 'alice' }).sbatch).toBe('');
  });
});

/** Every #SBATCH line must be in the header and be one well-formed flag. */
function checkSbatch(job: JobManifest): void {
  const text = renderSbatchPreview(job);
  const lines = text.split('\n');
  const blank = lines.indexOf('');
  lines.forEach((l, i) => {
    if (/^\s*#SBATCH/i.test(l)) {
      expect(i).toBeLessThan(blank);
      expect(l).toMatch(/^#SBATCH --[a-z][a-z0-9-]*(=[^\s'"`\\]+)?$|^#SBATCH --job-name=<pod-uid>$/);
    }
  });
  for (const [key, value] of Object.entries(job.spec.template.metadata.annotations)) {
    if (!key.endsWith('/pre-exec')) expect(value).not.toMatch(/[\r\n]/);
  }
}

describe('properties', () => {
  it('no form, however odd, yields a multi-line annotation or a stray #SBATCH line (10,000 runs)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(validForm(true), wildForm()), (form) => {
        const service = formToService(form);
        if (validateService(service).length > 0) return;
        accepted++;
        checkSbatch(buildJob(service, { owner: 'alice' }).job);
      }),
      { numRuns: 10_000 },
    );
    expect(accepted).toBeGreaterThan(5000);
  }, 300_000);

  it('neither do annotations written by hand, once accepted (10,000 runs)', () => {
    const token = fc.oneof(
      flagValue.map((v) => `--partition=${v}`),
      fc.constantFrom(
        '-p',
        'gpu',
        '--nodes',
        '1',
        '-N2',
        '--mem=4G',
        '--time=1-2',
        '',
        ' ',
        '\n',
        '#SBATCH',
        '--output=x',
        '--exclusive',
        "'a",
        '-c 4',
      ),
    );
    const text = fc.array(token, { maxLength: 8 }).map((t) => t.join(' '));
    const mountToken = fc.constantFrom('--bind', '/a:/b', '-B', '/c', '--bind=/d:/e:ro', '/f:/g,/h:/i:rw', '', ' ', '\n', "'", 'x:/y');
    const mounts = fc.array(mountToken, { maxLength: 4 }).map((t) => t.join(' '));
    const preExec = fc
      .array(fc.constantFrom('echo a', 'echo a', '#SBATCH -p x', '  #SBATCH', 'x \\', "'", '', '\r'), { maxLength: 4 })
      .map((l) => l.join('\n'));
    let accepted = 0;
    fc.assert(
      fc.property(text, mounts, preExec, (flags, binds, pre) => {
        const service: Service = {
          ...hello,
          annotations: { 'slurm-job.vk.io/flags': flags, 'job.vk.io/singularity-mounts': binds, 'job.vk.io/pre-exec': pre },
        };
        if (validateService(service).length > 0) return;
        accepted++;
        checkSbatch(buildJob(service, { owner: 'alice' }).job);
      }),
      { numRuns: 10_000 },
    );
    // Enough of the inputs are accepted for the property to say something.
    expect(accepted).toBeGreaterThan(300);
  }, 300_000);
});
