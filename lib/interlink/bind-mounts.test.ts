import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { bindPathError, parseBindMounts, renderBindMounts, validateBindMounts } from './bind-mounts';
import { bindMounts } from './service-arbitraries';

describe('bind mounts', () => {
  it('renders one --bind src:dst[:ro] per row, as OSCAR\'s examples write them', () => {
    expect(renderBindMounts([
      { hostPath: '/ceph/data', containerPath: '/exp_data', readOnly: false },
      { hostPath: '/scratch/in', containerPath: '/in', readOnly: true },
    ])).toBe('--bind /ceph/data:/exp_data --bind /scratch/in:/in:ro');
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
    ['--bind /a:/oscar/config', [0, 'containerPath'], /where Offload mounts the script and secrets/],
    ['--bind /a:/b --bind /c:/b/', [1, 'containerPath'], /'\/b\/' is mounted twice/],
  ])('refuses %j', (text, path, message) => {
    expect(parseBindMounts(text).issues).toContainEqual({ path, message: expect.stringMatching(message) });
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
