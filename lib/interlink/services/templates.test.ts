import { describe, expect, it } from 'vitest';

import { buildPreview } from '../slurm/sbatch-preview';
import { formToService } from './service-form';
import { validateService } from './service-rules';
import { formFromTemplate, SERVICE_TEMPLATES } from './templates';

describe('templates', () => {
  it.each(SERVICE_TEMPLATES.map((t) => [t.id, t] as const))('%s is a valid service on a virtual node', (_, template) => {
    const service = formToService(formFromTemplate(template, 'alice', 'vega-vk'));
    expect(validateService(service)).toEqual([]);
    expect(service.name).toBe(template.id);
  });

  it('puts itwinai 3DGAN on the GPU partition with its data bound and the itwinai image', () => {
    const [registry, sif] = SERVICE_TEMPLATES.map((t) => formToService(formFromTemplate(t, 'alice', 'vega-vk')));
    expect(registry?.annotations).toEqual({
      'slurm-job.vk.io/flags': '--partition=gpu --nodes=1 --ntasks-per-node=1 --cpus-per-task=4 --mem=100G --gres=gpu:1',
      'slurm-job.vk.io/singularity-mounts': '--bind /shared/3dgan-data:/exp_data',
      'job.vk.io/singularity-mounts': '--bind /shared/3dgan-data:/exp_data',
    });
    expect(registry?.image).toBe('docker://ghcr.io/intertwin-eu/itwinai:0.0.1-3dgan-0.2');
    expect(sif?.image).toBe('/tmp/itwinai.sif');
    expect(sif?.annotations?.['slurm-job.vk.io/pre-exec']).toBe(
      'test -f /tmp/itwinai.sif || singularity pull /tmp/itwinai.sif docker://ghcr.io/intertwin-eu/itwinai:0.0.1-3dgan-0.2\n',
    );
    if (sif === undefined) throw new Error('no .sif template');
    const preview = buildPreview(sif, { owner: 'alice' });
    expect(preview.sbatch).toContain('#SBATCH --gres=gpu:1\n\ntest -f /tmp/itwinai.sif || singularity pull');
    expect(preview.sbatch).toContain(' /tmp/itwinai.sif /bin/sh ');
  });

  it('hands out copies, so editing a form leaves the template alone', () => {
    const template = SERVICE_TEMPLATES[0];
    if (template === undefined) throw new Error('no template');
    const form = formFromTemplate(template, 'alice', 'vega-vk');
    form.mounts.push({ hostPath: '/x', containerPath: '/y', readOnly: true });
    form.slurm.extra.push({ name: 'account', value: 'p' });
    expect(template.form.mounts).toHaveLength(1);
    expect(template.form.slurm.extra).toHaveLength(0);
  });
});
