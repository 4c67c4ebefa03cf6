import { describe, expect, it } from 'vitest';

import { imageError, isDockerReference } from './image-ref';

const virtual = { virtual: true, hasImageRoot: false };
const ordinary = { virtual: false, hasImageRoot: false };

describe('image references', () => {
  it.each([
    'docker://ghcr.io/intertwin-eu/itwinai:0.0.1-3dgan-0.2',
    'docker://ai4oshub/thermal-bridges-rooftops-detector',
    'library://sylabsed/examples/lolcow:latest',
    'shub://vsoch/hello-world',
    'oras://ghcr.io/org/image:1',
    'https://example.org/images/x.sif',
    '/ceph/images/itwinai.sif',
  ])('runs %s on a virtual node', (image) => {
    expect(imageError(image, virtual)).toBeNull();
  });

  it('suggests docker:// for a bare reference on a virtual node without image-root', () => {
    expect(imageError('ghcr.io/x:y', virtual)).toBe(
      "'ghcr.io/x:y' has no scheme, and Singularity needs one: did you mean docker://ghcr.io/x:y?",
    );
    expect(imageError('ghcr.io/x:y', { virtual: true, hasImageRoot: true })).toBeNull();
  });

  it.each([
    ['', /is required/],
    ['docker://a b', /whitespace/],
    ['ftp://x/y', /'ftp:\/\/' is not a scheme Singularity pulls from; use docker:\/\/, library:\/\//],
    ['docker://Ghcr.io/UPPER', /is not a Docker image reference/],
    ['library://', /names no image after library:\/\//],
    ['/images/x.img', /is an absolute path, so it must name a \.sif file/],
  ])('refuses %j on a virtual node', (image, message) => {
    expect(imageError(image, virtual)).toMatch(message);
  });

  it('wants plain Docker references on an ordinary node', () => {
    expect(imageError('ghcr.io/org/image:tag', ordinary)).toBeNull();
    expect(imageError('docker://ghcr.io/x:y', ordinary)).toBe(
      "on an ordinary node Kubernetes pulls the image itself: write 'ghcr.io/x:y' without docker://",
    );
    expect(imageError('library://x/y', ordinary)).toMatch(/run only on a virtual node/);
    expect(imageError('/a/b.sif', ordinary)).toMatch(/works only on a virtual node/);
    expect(imageError('Not A Ref', ordinary)).toMatch(/whitespace/);
    expect(imageError('UPPER', ordinary)).toMatch(/not a Docker image reference/);
  });

  it('knows Docker references', () => {
    for (const ok of ['ubuntu', 'ubuntu:22.04', 'localhost:5000/a/b', 'a/b@sha256:' + 'a'.repeat(64)])
      expect(isDockerReference(ok)).toBe(true);
    for (const bad of ['', 'a:', ':x', 'a//b', 'A']) expect(isDockerReference(bad)).toBe(false);
  });
});
