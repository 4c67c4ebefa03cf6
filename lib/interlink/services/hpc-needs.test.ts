import { describe, expect, it } from 'vitest';

import { gpusOf, hpcNeeds } from './hpc-needs';
import { SERVICE_TEMPLATES } from './templates';

const template = (id: string) => {
  const t = SERVICE_TEMPLATES.find((x) => x.id === id);
  if (t === undefined) throw new Error(`no template ${id}`);
  return t;
};

describe('hpcNeeds', () => {
  it('reads the 3DGAN template: the registry image and the itwinai it brings, the data directory, one GPU on gpu', () => {
    const t = template('itwinai-3dgan');
    expect(hpcNeeds(t.form, t.imageCommands)).toEqual({
      image: { ref: 'docker://ghcr.io/intertwin-eu/itwinai:0.0.1-3dgan-0.2', local: false, madeByPreExec: false, commands: ['itwinai'] },
      paths: [{ path: '/shared/3dgan-data', boundAt: '/exp_data', readOnly: false }],
      partition: 'gpu',
      gpus: 1,
    });
  });

  it('knows that the .sif template makes its image in the pre-exec', () => {
    const t = template('itwinai-3dgan-sif');
    expect(hpcNeeds(t.form, t.imageCommands).image).toEqual({
      ref: '/tmp/itwinai.sif',
      local: true,
      madeByPreExec: true,
      commands: ['itwinai'],
    });
  });

  it('reads hello-HPC: any image with a shell, no directory, the default partition, no GPU', () => {
    const t = template('hello-hpc');
    expect(hpcNeeds(t.form, t.imageCommands)).toMatchObject({ paths: [], partition: null, gpus: 0, image: { commands: [] } });
  });

  it('leaves the image commands unknown for a form that is not a template', () => {
    expect(
      hpcNeeds(
        { image: 'docker://alpine', mounts: [{ hostPath: '', containerPath: '/x', readOnly: false }], slurm: { extra: [] }, preExec: '' },
        null,
      ),
    ).toMatchObject({
      image: { commands: null },
      paths: [],
    });
  });
});

describe('gpusOf', () => {
  it.each([
    [undefined, 0],
    ['', 0],
    ['gpu', 1],
    ['gpu:1', 1],
    ['gpu:a100:2', 2],
    ['gpu:2,shard:4', 2],
    ['mps:100', 0],
  ])('%s asks for %i GPUs', (gres, n) => {
    expect(gpusOf(gres)).toBe(n);
  });
});
