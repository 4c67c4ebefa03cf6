import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { submissionErrorText } from './submission-error';
import type { Pod } from '../model/types';

const captured = (node: string) =>
  (JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'lab', node, 'SubmissionFailed.json'), 'utf8')) as { pod: Pod }).pod
    .status?.message ?? '';

describe('submissionErrorText', () => {
  it.each(['vega-vk', 'lumi-vk'])('gives sbatch’s own words from the real virtual kubelet’s message (%s)', (node) => {
    expect(submissionErrorText(captured(node))).toBe(
      'sbatch: invalid partition specified: nosuchpartition; Batch job submission failed: Invalid partition name specified',
    );
  });

  it('gives the plugin’s answer when it is not sbatch’s', () => {
    const m =
      'error doing createRequest() in RemoteExecution() return value  error detail ' +
      '&errors.errorString{s:"error creating pod (HTTP 504): HTTP InterLink session CreatePod#1:  ' +
      'call exit status: 500. Body: Unable to find image dir\\n"} error: error creating pod (HTTP ' +
      '504): … Body: Unable to find image dir\n';
    expect(submissionErrorText(m)).toBe('Unable to find image dir');
  });

  it('keeps a message it does not recognise, on one line', () => {
    expect(submissionErrorText('connection refused\nretrying')).toBe('connection refused retrying');
  });

  it('never throws and stays short', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (s) => {
        expect(submissionErrorText(s).length).toBeLessThanOrEqual(240);
      }),
    );
  });
});
