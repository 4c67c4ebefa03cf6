import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { parseSinfoSummary, type SlurmPartition } from './sinfo';
import { LAB_SINFO, sinfoCase } from '../../../scripts/lib/arbitraries/sinfo.ts';

const labPartition = (name: string, isDefault: boolean): SlurmPartition => ({
  name,
  isDefault,
  availability: 'up',
  availabilityText: 'up',
  timeLimit: { kind: 'unlimited', text: 'infinite' },
  nodes: { allocated: 0, idle: 1, other: 0, total: 1 },
  nodeList: 'labnode',
});

describe('parseSinfoSummary', () => {
  it("reads the lab plugin's answer", () => {
    expect(parseSinfoSummary(LAB_SINFO)).toEqual([labPartition('cpu', true), labPartition('gpu', false)]);
  });

  it('reads every state, time format and an empty node list', () => {
    const text = [
      'PARTITION AVAIL  TIMELIMIT   NODES(A/I/O/T) NODELIST',
      'batch*       up 1-00:00:00       10/2/1/13 node[01-12],gpu01',
      'debug        up      30:00         0/2/0/2 node[13-14]',
      'long       down 7-00:00:00         0/0/4/4 node[15-18]',
      'maint     drain    2:00:00         0/0/0/0',
      'old       inact        n/a         0/0/0/0',
    ].join('\n');
    const partitions = parseSinfoSummary(text);
    expect(partitions?.map((p) => [p.name, p.isDefault, p.availability, p.timeLimit, p.nodes?.total, p.nodeList])).toEqual([
      ['batch', true, 'up', { kind: 'duration', text: '1-00:00:00', seconds: 86_400 }, 13, 'node[01-12],gpu01'],
      ['debug', false, 'up', { kind: 'duration', text: '30:00', seconds: 1_800 }, 2, 'node[13-14]'],
      ['long', false, 'down', { kind: 'duration', text: '7-00:00:00', seconds: 7 * 86_400 }, 4, 'node[15-18]'],
      ['maint', false, 'drain', { kind: 'duration', text: '2:00:00', seconds: 7_200 }, 0, null],
      ['old', false, 'inactive', { kind: 'unknown', text: 'n/a' }, 0, null],
    ]);
    expect(partitions?.[0]?.nodes).toEqual({ allocated: 10, idle: 2, other: 1, total: 13 });
  });

  it('takes CRLF, tabs, indentation and a missing final newline', () => {
    const text =
      '  PARTITION\tAVAIL\tTIMELIMIT\tNODES(A/I/O/T)\tNODELIST\r\n\tcpu*\t up ' +
      '\tinfinite\t0/1/0/1\tlabnode\r\n\r\ngpu  up infinite 0/1/0/1 labnode';
    expect(parseSinfoSummary(text)).toEqual([labPartition('cpu', true), labPartition('gpu', false)]);
  });

  it('finds the columns by their header, in any order, stepping over unknown ones', () => {
    const text = 'NODELIST NODES(A/I/O/T) JOB_SIZE PARTITION TIME_LIMIT AVAIL\nlabnode 0/1/0/1 1-infinite cpu* infinite up\n';
    expect(parseSinfoSummary(text)).toEqual([labPartition('cpu', true)]);
  });

  it('leaves out what the header does not have', () => {
    expect(parseSinfoSummary('PARTITION NODELIST\ncpu* labnode\n')).toEqual([
      { name: 'cpu', isDefault: true, availability: 'unknown', availabilityText: null, timeLimit: null, nodes: null, nodeList: 'labnode' },
    ]);
  });

  it('starts afresh at every header, as sinfo -M prints one per cluster', () => {
    const text =
      'CLUSTER: vega\nPARTITION AVAIL TIMELIMIT NODES(A/I/O/T) NODELIST\ncpu* up infinite 0/1/0/1 ' +
      'labnode\n\nCLUSTER: lumi\nPARTITION NODES(A/I/O/T) AVAIL TIMELIMIT NODELIST\ngpu 0/1/0/1 ' +
      'up infinite labnode\n';
    expect(parseSinfoSummary(text)).toEqual([labPartition('cpu', true), labPartition('gpu', false)]);
  });

  it('skips lines that are not partitions', () => {
    const text = [
      'sinfo: warning: slurm.conf changed',
      'PARTITION AVAIL TIMELIMIT NODES(A/I/O/T) NODELIST',
      'cpu* up infinite 0/1/0/1 labnode',
      'slurm_load_partitions: Unable to contact slurm controller',
      'gpu up infinite 0/1/0/1 labnode and more',
      'short up',
      'odd up infinite 0/1/0 labnode',
      '* up infinite 0/1/0/1 labnode',
      'gpu up infinite 0/1/0/1 labnode',
    ].join('\n');
    expect(parseSinfoSummary(text)).toEqual([labPartition('cpu', true), labPartition('gpu', false)]);
  });

  it('gives no partitions for a header alone, and null without a header', () => {
    expect(parseSinfoSummary('PARTITION AVAIL  TIMELIMIT   NODES(A/I/O/T) NODELIST\n')).toEqual([]);
    for (const text of ['', '\n', 'ok', '{"status":"ok"}', 'PARTITION\ncpu', 'partitions are fine', 'cpu* up infinite 0/1/0/1 labnode']) {
      expect(parseSinfoSummary(text)).toBeNull();
    }
  });

  it('reads back random partitions rendered as sinfo -s', () => {
    fc.assert(
      fc.property(sinfoCase, ({ text, expected }) => {
        expect(parseSinfoSummary(text)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('ignores stray lines between partitions when the header has the node counts', () => {
    const stray = fc.string().filter((s) => !s.includes('/') && !/partition/i.test(s));
    fc.assert(
      fc.property(
        sinfoCase.filter((c) => c.hasNodes),
        fc.array(stray, { maxLength: 4 }),
        ({ text, expected }, strays) => {
          const [header, ...rest] = text.split(/\r\n|\r|\n/);
          const mixed = [header, ...strays.flatMap((s, i) => [s, ...rest.slice(i, i + 1)]), ...rest.slice(strays.length)].join('\n');
          expect(parseSinfoSummary(mixed)).toEqual(expected);
        },
      ),
    );
  });

  it('never throws, and every partition it finds has a name without spaces', () => {
    const header = fc.constantFrom('', 'PARTITION AVAIL TIMELIMIT NODES(A/I/O/T) NODELIST\n', 'PARTITION NODELIST\n');
    fc.assert(
      fc.property(header, fc.string({ unit: 'binary' }), (h, body) => {
        const partitions = parseSinfoSummary(h + body);
        for (const p of partitions ?? []) expect(p.name).toMatch(/^\S+$/);
      }),
    );
  });
});
