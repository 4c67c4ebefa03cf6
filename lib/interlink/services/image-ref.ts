import { IMAGE_VALUE } from '../admission/admission-patterns';

// Image references. On a virtual node Singularity/Apptainer pulls the image, so it needs a
// scheme (`docker://ghcr.io/org/image:tag`) or an absolute path to a `.sif` file; the plugin
// adds no prefix to either, and prefixes anything else with `slurm-job.vk.io/image-root`
// (the Slurm plugin's pkg/slurm/prepare.go). On an ordinary node the kubelet pulls a plain Docker reference.

/** Schemes Singularity/Apptainer can pull from. */
export const SINGULARITY_SCHEMES = ['docker', 'library', 'shub', 'oras', 'http', 'https'] as const;

const DOMAIN = String.raw`(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?`;
const PATH = String.raw`[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*`;
const TAG = String.raw`[\w][\w.-]{0,127}`;
const DIGEST = String.raw`[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}`;
const DOCKER_REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${PATH}(?:/${PATH})*(?::${TAG})?(?:@${DIGEST})?$`);

/** A plain Docker reference: `ubuntu`, `ghcr.io/org/image:tag`, `host:5000/x@sha256:…`. */
export function isDockerReference(text: string): boolean {
  return DOCKER_REFERENCE.test(text);
}

export interface ImageContext {
  /** Runs on an interLink virtual node. */
  virtual: boolean;
  /** The service sets `slurm-job.vk.io/image-root`. */
  hasImageRoot: boolean;
}

/** Why `image` cannot run where the service runs, or null. */
export function imageError(image: string, ctx: ImageContext): string | null {
  if (image === '') return 'is required';
  if (/\s/.test(image)) return 'must not contain whitespace';
  if (ctx.virtual && !new RegExp(IMAGE_VALUE).test(image)) {
    return 'may contain only letters, digits and . _ : / @ + - (the plugin pastes the image unquoted into the job script)';
  }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/.exec(image);
  if (scheme !== null) {
    const [, name = '', rest = ''] = scheme;
    const known = (SINGULARITY_SCHEMES as readonly string[]).includes(name);
    if (!known) return `'${name}://' is not a scheme Singularity pulls from; use ${SINGULARITY_SCHEMES.map((s) => `${s}://`).join(', ')}`;
    if (!ctx.virtual) {
      return name === 'docker' && isDockerReference(rest)
        ? `on an ordinary node Kubernetes pulls the image itself: write '${rest}' without docker://`
        : `${name}:// images run only on a virtual node, where Singularity pulls them`;
    }
    if (name === 'docker' && !isDockerReference(rest))
      return `'${rest}' is not a Docker image reference (registry/name:tag, lower-case name)`;
    return rest === '' ? `'${image}' names no image after ${name}://` : null;
  }
  if (image.startsWith('/')) {
    if (!ctx.virtual) return 'a path to a .sif file works only on a virtual node; use a registry image here';
    return image.endsWith('.sif') ? null : `'${image}' is an absolute path, so it must name a .sif file`;
  }
  if (ctx.virtual && !ctx.hasImageRoot) {
    return `'${image}' has no scheme, and Singularity needs one: did you mean docker://${image}?`;
  }
  if (!ctx.virtual && !isDockerReference(image)) return `'${image}' is not a Docker image reference (registry/name:tag, lower-case name)`;
  return null;
}
