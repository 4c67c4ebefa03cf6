import {
  BALANCED_TEXT,
  CANCEL_ANNOTATIONS,
  CONTROL_CHARS,
  CREATOR_ANNOTATIONS,
  DIRECTIVE_LINE,
  ENROOT_ANNOTATIONS,
  ENROOT_REASON,
  FLAVOR_VALUE,
  IMAGE_ROOT_VALUE,
  NEWLINE_CHARS,
  PLUGIN_PREFIXES,
  RESERVED_ANNOTATIONS,
  RESERVED_PREFIX,
  SINGULARITY_REFUSED_OPTIONS,
  WORDS_TEXT,
} from './admission-patterns.ts';
import { LEGACY_SLURM_ANNOTATIONS as LEGACY, SLURM_ANNOTATIONS as SLURM } from '../model/keys.ts';
import { type PolicyKind, type Validation, changed, list, re, str, v, where } from './policy-cel.ts';

// The policy's checks of the other plugin annotations and of the annotations reserved to
// the virtual kubelet, OSCAR and Offload.

const MODELLED = [SLURM.flags, SLURM.singularityMounts, SLURM.singularityOptions, SLURM.preExec, LEGACY.singularityMounts, LEGACY.preExec];
const CHECKED_ALONE = [...MODELLED, SLURM.imageRoot, SLURM.flavor, SLURM.mpiFlags, ...ENROOT_ANNOTATIONS];

export function annotationValidations(kind: PolicyKind): Validation[] {
  const a = v('annotations');
  const value = (key: string) => `${a}[${str(key)}]`;
  const one = (key: string, test: string, message: string, reason: Validation['reason'] = 'Invalid'): Validation => ({
    expression: `!(${changed(kind, str(key))}) || ${test}`,
    message: `${key} ${message}`,
    reason,
  });
  const preExec = (key: string): Validation[] => {
    const text = value(key);
    const stripped = `(${text}.endsWith('\\n') ? ${text}.substring(0, ${text}.size() - 1) : ${text})`;
    return [
      one(
        key,
        `${text} == '' || ${v('settings')}[?'preExec'].orValue('allow') != 'refuse'`,
        "is refused on this site: a pre-exec runs as shell on the HPC side with the plugin's account, outside the container.",
        'Forbidden',
      ),
      one(
        key,
        `!${text}.matches(${re(DIRECTIVE_LINE)})`,
        'must not have an #SBATCH, #PBS or #BSUB line: sbatch reads them as options, outside the flags that are checked.',
        'Forbidden',
      ),
      one(
        key,
        `!${text}.matches(${re(CONTROL_CHARS)}) && ${stripped}.matches(${re(BALANCED_TEXT)})`,
        'must have no carriage return or NUL and must end outside any quote, backtick or trailing ' +
          "backslash: the plugin writes the job script's path right after it.",
      ),
    ];
  };
  const options = value(SLURM.singularityOptions);
  const optionName = "(w.contains('=') ? w.substring(2, w.indexOf('=')) : w.substring(2))";
  const pluginKey = `(${PLUGIN_PREFIXES.map((p) => `k.startsWith(${str(p)})`).join(' || ')}) && !(k in ${list(CHECKED_ALONE)})`;
  return [
    one(
      SLURM.singularityOptions,
      `${options}.matches(${re(WORDS_TEXT)})`,
      'may contain only letters, digits, spaces and . _ / : = , + @ % -: the plugin pastes it unquoted into the job script.',
    ),
    one(
      SLURM.singularityOptions,
      `${options}.split(' ').all(w, !w.matches(${re('^-[^-]')}) && !(w.startsWith('--') ` +
        `&& ${optionName} in ${list(Object.keys(SINGULARITY_REFUSED_OPTIONS))}))`,
      `must use long options only, and none that mounts or reads a path of the HPC side or asks for privileges (${Object.keys(
        SINGULARITY_REFUSED_OPTIONS,
      )
        .map((o) => `--${o}`)
        .join(', ')}): binds go in ${SLURM.singularityMounts}, where their roots are checked.`,
      'Forbidden',
    ),
    one(
      SLURM.mpiFlags,
      `${value(SLURM.mpiFlags)}.matches(${re(WORDS_TEXT)})`,
      'may contain only letters, digits, spaces and . _ / : = , + @ % -: the plugin pastes it unquoted into the job script.',
    ),
    one(
      SLURM.imageRoot,
      `${value(SLURM.imageRoot)}.matches(${re(IMAGE_ROOT_VALUE)})`,
      'may contain only letters, digits and . _ : / @ + -: it prefixes the image, which the plugin pastes unquoted into the job script.',
    ),
    one(SLURM.flavor, `${value(SLURM.flavor)}.matches(${re(FLAVOR_VALUE)})`, 'must be a flavor name: letters, digits, . _ -.'),
    ...ENROOT_ANNOTATIONS.map((key) => one(key, 'false', `is not allowed: ${ENROOT_REASON}.`, 'Forbidden')),
    ...preExec(SLURM.preExec),
    ...preExec(LEGACY.preExec),
    {
      expression:
        `!${v('applies')} || ${a}.all(k, !(${pluginKey}) || !(${v('create')} ` +
        `|| ${where(kind).oldAnnotations}[?k] != ${a}[?k]) || ` +
        `(!${a}[k].matches(${re(NEWLINE_CHARS)}) && ${a}[k].matches(${re(BALANCED_TEXT)})))`,
      messageExpression:
        `"annotation " + ${a}.filter(k, ${pluginKey} && (${a}[k].matches(${re(NEWLINE_CHARS)}) || ` +
        `!${a}[k].matches(${re(BALANCED_TEXT)})))[0] + " must be one line without NUL, ending ` +
        `outside any quote: the plugin pastes it into its scripts."`,
      reason: 'Invalid',
    },
    {
      // The site may pin each namespace to a flavor, whose UID the plugin runs the job as.
      expression:
        `!${v('applies')} || ${v('flavorPins')}.size() == 0 || !(${v('create')} ` +
        `|| ${where(kind).oldAnnotations}[?${str(SLURM.flavor)}] != ${a}[?${str(SLURM.flavor)}]) ` +
        `|| ${v('flavorPins')}.exists(p, p == request.namespace + '=' ` +
        `+ ${a}[?${str(SLURM.flavor)}].orValue(''))`,
      messageExpression:
        `${str(`${SLURM.flavor} must be the flavor this site assigns to namespace `)} + ` +
        `request.namespace + " (" + ${v('flavorPins')}.filter(p, p.startsWith(request.namespace + ` +
        `'=')).map(p, p.substring(p.indexOf('=') + 1)).join(', ') + "): the plugin runs the job as ` +
        `that flavor's UID."`,
      reason: 'Forbidden',
    },
  ];
}

const RESERVED = list(Object.keys(RESERVED_ANNOTATIONS));
const isReserved = (k: string) => `(${k} in ${RESERVED} || ${k}.startsWith(${str(RESERVED_PREFIX)}))`;
const RESERVED_MESSAGE =
  `JobID and interlink.eu/pod-ip, -wstunnel-client-commands and -wireguard-client-snippet are ` +
  `written only by interLink's virtual kubelet (the plugin pastes the last ones into the ` +
  `batch script), and ${RESERVED_PREFIX}* only by Offload (who cancelled a job, its Slurm job ` +
  `id): a value from anyone else forges the job's record or runs as shell.`;

export function reservedValidations(kind: PolicyKind): Validation[] {
  const a = v('annotations');
  const out: Validation[] = [
    {
      expression: `!${v('applies')} || !${v('create')} || !${a}.exists(k, ${isReserved('k')})`,
      messageExpression:
        `"annotation " + ${a}.filter(k, ${isReserved('k')})[0] ` +
        `+ ${str(` ${kind === 'Job' ? 'of the pod template ' : ''}is reserved: ${RESERVED_MESSAGE}`)}`,
      reason: 'Forbidden',
    },
  ];
  if (kind === 'Pod') {
    // The virtual kubelet updates pods (JobID, its VPN address); offload.io/ keys never change on a pod.
    out.push({
      expression:
        `!${v('applies')} || ${v('create')} || ${a}.all(k, !k.startsWith(${str(RESERVED_PREFIX)}) ` +
        `|| oldObject.metadata.?annotations.orValue({})[?k] == ${a}[?k])`,
      message: `offload.io/ annotations of a pod are written only by Offload, and never changed.`,
      reason: 'Forbidden',
    });
    return out;
  }
  const meta = 'object.metadata.?annotations.orValue({})';
  const oldMeta = 'oldObject.metadata.?annotations.orValue({})';
  const changedKey = (k: string) => `${oldMeta}[?${k}] != ${meta}[?${k}]`;
  out.push(
    {
      expression: `!${v('applies')} || !${v('create')} || !${meta}.exists(k, ${isReserved('k')} && !(k in ${list(CREATOR_ANNOTATIONS)}))`,
      messageExpression:
        `"annotation " + ${meta}.filter(k, ${isReserved('k')} && !(k ` +
        `in ${list(CREATOR_ANNOTATIONS)}))[0] ` +
        `+ ${str(` of the Job is reserved: ${RESERVED_MESSAGE}`)}`,
      reason: 'Forbidden',
    },
    {
      expression:
        `!${v('applies')} || ${v('create')} || !${a}.exists(k, ${isReserved('k')} && ` +
        `oldObject.spec.template.metadata.?annotations.orValue({})[?k] != ${a}[?k])`,
      message: `reserved annotations of the pod template (JobID, interlink.eu/…, ${RESERVED_PREFIX}*) cannot be set or changed.`,
      reason: 'Forbidden',
    },
    {
      // Offload records who cancelled in the same merge patch that suspends the Job (lib/jobs/jobs.ts).
      expression:
        `!${v('applies')} || ${v('create')} || ${meta}.all(k, !${isReserved('k')} || ` +
        `!(${changedKey('k')}) || (k in ${list(CANCEL_ANNOTATIONS)} && ` +
        `object.spec.?suspend.orValue(false)))`,
      message:
        `reserved annotations of the Job cannot be set or changed, ` +
        `except ${CANCEL_ANNOTATIONS.join(', ')} in the update that suspends it (a cancel).`,
      reason: 'Forbidden',
    },
  );
  return out;
}
