import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { bindPathError, parseBindMounts, renderBindMounts, validateBindMounts } from './bind-mounts';
import { bindMounts } from '../../../scripts/lib/arbitraries/service.ts';

describe('bind mounts', () => {
  it("renders one --bind src:dst[:ro] per row, as OSCAR's examples write them", () => {
    expect(
      renderBindMounts([
        { hostPath: '/ceph/data', containerPath: '/exp_data', readOnly: false },
        { hostPath: '/scratch/in', containerPath: '/in', readOnly: true },
      ]),
    ).toBe('--bind /ceph/data:/exp_data --bind /scratch/in:/in:ro');
    expect(renderBindMounts([])).toBe('');
  });

  it('reads the spellings people write', () => {
    const { mounts, issues } = parseBindMounts('--bind /a:/b,/c:/d:ro  -B /e --bind=/f:/g:rw');
    expect(issues).toEqual([]);
    expect(mounts).toEqual([
      { hostPath: '/a', containerPath: '/b', readOnly: false },
      { hostPath: '/c', containerPath: '/d', readOnly: true },
      { hostPath: '/e', containerPath: '/e', readOnly: false },
      { hostPath: '/f', containerPath: '/g', readOnly: false },
    ]);
    expect(parseBindMounts('--bind /ceph/hpc/data/st2301-itwin-users/:/interlink/').issues).toEqual([]);
  });

  it.each([
    ['--bind /a:/b\n--bind /c:/d', [], /must be one line/],
    ['--nv', [], /'--nv' is not a bind; write --bind src:dst\[:ro\] and put other options in singularity options/],
    ['--bind', [], /--bind needs a value/],
    ['--bind /a:/b:/c', [], /'\/a:\/b:\/c' is not src:dst\[:ro\]; paths must not contain ':'/],
    ['--bind data:/b', [0, 'hostPath'], /'data' must be an absolute path \(starting with \/\)/],
    ['--bind /a:b', [0, 'containerPath'], /must be an absolute path/],
    ["--bind /a'x:/b", [], /unclosed single quote/],
    ['--bind /a"x":/b', [0, 'hostPath'], /may contain only letters, digits and/],
    ['--bind /a$HOME:/b', [0, 'hostPath'], /may contain only letters, digits and/],
    ['--bind\t/a:/b', [], /separated by spaces/],
    ['--bind /a/../b:/b', [0, 'hostPath'], /without '\/\/', '\.' or '\.\.' parts/],
    ['--bind /a//b:/b', [0, 'hostPath'], /without '\/\/'/],
    ['--bind /a:/b/.', [0, 'containerPath'], /without/],
    ['--bind /a:/oscar/config', [0, 'containerPath'], /where Offload mounts the script and secrets/],
    ['--bind /a:/b --bind /c:/b/', [1, 'containerPath'], /'\/b\/' is mounted twice/],
  ])('refuses %j', (text, path, message) => {
    expect(parseBindMounts(text).issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it("refuses sources outside the site's roots, and inside or above the plugin's job directory", () => {
    const site = { allowedBindRoots: ['/data', '/scratch/'], refusedBindRoots: ['/scratch/interlink/jobs'], preExec: 'allow' as const };
    expect(parseBindMounts('--bind /data:/d --bind /scratch/me/x:/x', site).issues).toEqual([]);
    expect(parseBindMounts('--bind /etc:/e', site).issues).toEqual([
      { path: [0, 'hostPath'], message: "'/etc' is outside the directories this site allows binds from: /data, /scratch/" },
    ]);
    expect(parseBindMounts('--bind /database:/e', site).issues[0]?.message).toMatch(/outside the directories/);
    expect(parseBindMounts('--bind /scratch/interlink/jobs/alice-1:/j', site).issues[0]?.message).toMatch(
      /is inside \/scratch\/interlink\/jobs, the plugin's job directory/,
    );
    expect(parseBindMounts('--bind /scratch/interlink:/j', site).issues[0]?.message).toMatch(/contains \/scratch\/interlink\/jobs/);
    expect(parseBindMounts('--bind /scratch:/j', site).issues[0]?.message).toMatch(/contains/);
  });

  it('explains each path rule', () => {
    expect(bindPathError('')).toBe('is required');
    expect(bindPathError('/a,b')).toMatch(/must not contain ':' or ',': Singularity reads them as separators/);
    expect(bindPathError('/a b')).toMatch(/must not contain whitespace/);
  });

  it('round-trips every valid list of rows (10,000 runs)', () => {
    fc.assert(
      fc.property(bindMounts, (mounts) => {
        expect(validateBindMounts(mounts)).toEqual([]);
        const text = renderBindMounts(mounts);
        expect(text).not.toMatch(/[\r\n]/);
        expect(parseBindMounts(text)).toEqual({ mounts, issues: [] });
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);
});
