import {
  BALANCED_TEXT,
  BIND_SPEC,
  BINDS_TEXT,
  CANCEL_ANNOTATIONS,
  CONTROL_CHARS,
  CREATOR_ANNOTATIONS,
  COUNT_VALUE,
  DIRECTIVE_LINE,
  ENROOT_ANNOTATIONS,
  ENROOT_REASON,
  ENV_NAME,
  FLAGS_TEXT,
  FLAVOR_VALUE,
  IMAGE_ROOT_VALUE,
  IMAGE_VALUE,
  MAX_FLAG_TOKENS,
  MEM_VALUE,
  NEWLINE_CHARS,
  PATH_VALUE,
  PLUGIN_PREFIXES,
  PROBE_UNSAFE,
  RESERVED_ANNOTATIONS,
  RESERVED_PREFIX,
  SINGULARITY_REFUSED_OPTIONS,
  TIME_VALUE,
  UNNORMAL_PATH,
  WORDS_TEXT,
} from './admission-patterns.ts';
import { LEGACY_SLURM_ANNOTATIONS as LEGACY, SLURM_ANNOTATIONS as SLURM, VIRTUAL_NODE_TAINT, NODE_LABELS } from '../model/keys.ts';
import { CONFIG_MOUNT_PATH, SECRETS_MOUNT_PATH } from '../services/mount-paths.ts';
import { SBATCH_OPTIONS, SBATCH_SHORT_OPTIONS } from '../slurm/sbatch-options.ts';

// The cluster's side of Offload's validation: two ValidatingAdmissionPolicies (Jobs, Pods) in
// CEL, made from the same table and patterns as Offload's validator (sbatch-options.ts,
// admission-patterns.ts), so that a Job written with kubectl or by OSCAR meets the rules a
// Job from Offload meets. admission-rules.ts is the same policy in TypeScript; a lab test
// sends one corpus to both. scripts/gen-admission-policy.ts writes the result to deploy/.
//
// The CEL keeps to what Kubernetes 1.30 offers (ValidatingAdmissionPolicy GA): strings
// (split, join, substring, indexOf), optionals, regex `matches`. A list of item positions up
// to MAX_FLAG_TOKENS stands in for index iteration, which CEL only gained later.

export type PolicyKind = 'Job' | 'Pod';

/** A CEL string literal. */
const str = (s: string) => `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
/** A CEL raw string literal for a regular expression. */
function re(s: string): string {
  if (!s.includes("'")) return `r'${s}'`;
  if (!s.includes('"')) return `r"${s}"`;
  if (s.includes("'''")) throw new Error(`cannot quote ${s}`);
  return `r'''${s}'''`;
}
const list = (items: readonly string[]) => `[${items.map(str).join(', ')}]`;
const map = (entries: ReadonlyArray<readonly [string, string]>) => `{${entries.map(([k, v]) => `${str(k)}: ${str(v)}`).join(', ')}}`;
const positions = `[${Array.from({ length: MAX_FLAG_TOKENS }, (_, i) => i).join(', ')}]`;

interface Variable {
  name: string;
  expression: string;
}
interface Validation {
  expression: string;
  message?: string;
  messageExpression?: string;
  reason: 'Invalid' | 'Forbidden';
}

const v = (name: string) => `variables.${name}`;
const words = (key: string) => `${v('settings')}[?${str(key)}].orValue('').split(' ').filter(w, w != '')`;
const stripSlash = (p: string) => `(${p}.size() > 1 && ${p}.endsWith('/') ? ${p}.substring(0, ${p}.size() - 1) : ${p})`;
/** `p` is the directory `r` or lies under it (both without a trailing slash). */
const under = (p: string, r: string) => `(${p} == ${r} || ${p}.startsWith(${r} == '/' ? '/' : ${r} + '/'))`;

function where(kind: PolicyKind) {
  const job = kind === 'Job';
  return {
    spec: job ? 'object.spec.template.spec' : 'object.spec',
    oldSpec: job ? 'oldObject.spec.template.spec' : 'oldObject.spec',
    annotations: job ? 'object.spec.template.metadata.?annotations.orValue({})' : 'object.metadata.?annotations.orValue({})',
    oldAnnotations: job ? 'oldObject.spec.template.metadata.?annotations.orValue({})' : 'oldObject.metadata.?annotations.orValue({})',
    what: job ? "the Job's pod template" : 'the pod',
  };
}

function commonVariables(kind: PolicyKind): Variable[] {
  const w = where(kind);
  const s = v('spec');
  const vn = v('virtualNodes');
  const hostname = `${s}.?nodeSelector[?${str(NODE_LABELS.hostname)}]`;
  const tolerations = `${s}.?tolerations.orValue([])`;
  const required = `${s}.?affinity.?nodeAffinity.?requiredDuringSchedulingIgnoredDuringExecution.?nodeSelectorTerms.orValue([])`;
  // A DaemonSet's pod tolerates every taint but is pinned to one node by metadata.name.
  const pinnedAway =
    `(${hostname}.hasValue() || (${required}.size() > 0 && ${required}.all(term, ` +
    `term.?matchFields.orValue([]).exists(f, f.key == 'metadata.name' && f.operator == 'In' && ` +
    `f.?values.orValue([]).all(n, !(n in ${vn}))))))`;
  return [
    { name: 'settings', expression: 'params.?data.orValue({})' },
    { name: 'virtualNodes', expression: words('virtualNodes') },
    { name: 'allowedRoots', expression: `${words('allowedBindRoots')}.map(r, ${stripSlash('r')})` },
    { name: 'refusedRoots', expression: `${words('refusedBindRoots')}.map(r, ${stripSlash('r')})` },
    { name: 'flavorPins', expression: words('namespaceFlavors') },
    {
      name: 'exempt',
      expression:
        `request.userInfo.username in ${words('exemptUsers')} || ` +
        `request.userInfo.?groups.orValue([]).exists(g, g in ${words('exemptGroups')})`,
    },
    { name: 'create', expression: "request.operation == 'CREATE'" },
    { name: 'spec', expression: w.spec },
    { name: 'annotations', expression: w.annotations },
    {
      // Offloaded: bound to a virtual node, selecting one by host name, tolerating its taint by
      // name, or tolerating every taint without being pinned to an ordinary node.
      name: 'offloaded',
      expression: [
        `${s}.?nodeName.orValue('') != '' ? ${s}.nodeName in ${vn} : (`,
        `  ${hostname}.orValue('') in ${vn}`,
        `  || ${tolerations}.exists(t, t.?key.orValue('') == ${str(VIRTUAL_NODE_TAINT.key)})`,
        `  || (${tolerations}.exists(t, t.?key.orValue('') == '' && t.?operator.orValue('') == ` +
          `'Exists' && t.?effect.orValue('') in ['', ${str(VIRTUAL_NODE_TAINT.effect)}])`,
        `      && !${pinnedAway}))`,
      ].join('\n'),
    },
    { name: 'applies', expression: `${v('offloaded')} && !${v('exempt')}` },
    { name: 'specChanged', expression: `${v('applies')} && (${v('create')} || ${w.spec} != ${w.oldSpec})` },
  ];
}

/** `key` is set and new or changed in this request. */
function changed(kind: PolicyKind, key: string): string {
  const w = where(kind);
  return (
    `${v('applies')} && ${key} in ${v('annotations')} && (${v('create')} ` +
    `|| ${w.oldAnnotations}[?${key}] != ${v('annotations')}[?${key}])`
  );
}

// ---- slurm-job.vk.io/flags ------------------------------------------------------------------

const OPTIONS = Object.entries(SBATCH_OPTIONS);
const ARG = map(OPTIONS.map(([n, o]) => [n, o.arg === 'required' ? 'r' : o.arg === 'none' ? 'n' : 'o']));
const REFUSED = map(OPTIONS.flatMap(([n, o]) => (o.refused === undefined ? [] : [[n, o.refused] as const])));
const byRule = (rule: string) => OPTIONS.filter(([, o]) => o.value === rule).map(([n]) => n);

function flagVariables(kind: PolicyKind): Variable[] {
  const recs = v('flagItems');
  const opts = v('flagOptions');
  const kindOf = "t.startsWith('--') ? (t.contains('=') ? 'L=' : 'L') : (t.startsWith('-') ? (t.size() > 2 ? 'S+' : 'S') : 'V')";
  const nameOf =
    "t.startsWith('--') ? (t.contains('=') ? t.substring(2, t.indexOf('=')) : t.substring(2)) : " +
    "(t.startsWith('-') && t.size() >= 2 ? t.substring(1, 2) : '')";
  const attachedOf =
    "t.startsWith('--') ? (t.contains('=') ? t.substring(t.indexOf('=') + 1) : '') : " +
    "(t.startsWith('-') && t.size() > 2 ? t.substring(2) : '')";
  const names = v('sbatchOptions');
  return [
    { name: 'flags', expression: `${v('annotations')}[?${str(SLURM.flags)}].orValue('')` },
    { name: 'checkFlags', expression: changed(kind, str(SLURM.flags)) },
    { name: 'flagTokens', expression: `${v('flags')}.split(' ').filter(t, t != '')` },
    { name: 'flagItems', expression: `${v('flagTokens')}.map(t, {'t': t, 'k': ${kindOf}, 'n': ${nameOf}, 'v': ${attachedOf}})` },
    { name: 'sbatchOptions', expression: list(OPTIONS.map(([n]) => n)) },
    { name: 'flagShorts', expression: map(Object.entries(SBATCH_SHORT_OPTIONS)) },
    { name: 'flagRefusals', expression: REFUSED },
    {
      // The option sbatch reads: a short letter's, an exact long name, or the one long name a
      // prefix begins (getopt_long); '' for none or several.
      name: 'flagOptions',
      expression:
        `${recs}.map(r, r.k == 'V' ? '' : (r.k == 'S' || r.k == 'S+' ` +
        `? ${v('flagShorts')}[?r.n].orValue('') : (r.n in ${names} ? r.n : (${names}.filter(o, ` +
        `o.startsWith(r.n)).size() == 1 ? ${names}.filter(o, o.startsWith(r.n))[0] : ''))))`,
    },
    { name: 'flagArgs', expression: ARG },
    { name: 'flagAt', expression: `${positions}.filter(i, i < ${recs}.size())` },
    {
      name: 'flagTakesNext',
      expression: `${v('flagAt')}.map(i, (${recs}[i].k == 'L' || ${recs}[i].k == 'S') && ${v('flagArgs')}[?${opts}[i]].orValue('') == 'r')`,
    },
    {
      name: 'flagValues',
      expression:
        `${v('flagAt')}.map(i, ${recs}[i].k == 'L=' || ${recs}[i].k == 'S+' ? ${recs}[i].v : ` +
        `(${v('flagTakesNext')}[i] && i + 1 < ${recs}.size() && ${recs}[i + 1].k == 'V' ? ${recs}[i ` +
        `+ 1].t : ''))`,
    },
  ];
}

function flagValidations(): Validation[] {
  const recs = v('flagItems');
  const opts = v('flagOptions');
  const at = v('flagAt');
  const guard = (e: string) => `!${v('checkFlags')} || ${e}`;
  const j = (cond: string) => `${at}.filter(i, ${cond})[0]`;
  const first = (cond: string) => `${recs}[${j(cond)}].t`;
  const key = SLURM.flags;
  const refused = `${opts}[i] in ${v('flagRefusals')}`;
  const takesNone = `${recs}[i].k == 'L=' && ${v('flagArgs')}[?${opts}[i]].orValue('') == 'n'`;
  const shortGlued = `${recs}[i].k == 'S+' && ${opts}[i] != '' && ${v('flagArgs')}[${opts}[i]] != 'r'`;
  const missing = `${v('flagTakesNext')}[i] && !(i + 1 < ${recs}.size() && ${recs}[i + 1].k == 'V')`;
  const stray = `${recs}[i].k == 'V' && !(i > 0 && ${v('flagTakesNext')}[i - 1])`;
  const valueRule = (rule: string, pattern: string) =>
    `(!(${opts}[i] in ${list(byRule(rule))}) || ${v('flagValues')}[i].matches(${re(pattern)}))`;
  const badValue =
    `${v('flagValues')}[i] != '' && !(${valueRule('time', TIME_VALUE)} ` +
    `&& ${valueRule('mem', MEM_VALUE)} && ${valueRule('count', COUNT_VALUE)})`;
  return [
    {
      expression: guard(`!${v('flags')}.matches(${re('[\\x0a\\x0d]')})`),
      message: `${key} must be one line: each newline would start a new line in the batch script.`,
      reason: 'Invalid',
    },
    {
      expression: guard(`${v('flags')}.matches(${re(FLAGS_TEXT)})`),
      message:
        `${key} may contain only printable ASCII with single spaces between flags, and no quote, ` +
        `backslash or '#': sbatch reads them as quoting and comments on its #SBATCH lines.`,
      reason: 'Invalid',
    },
    {
      expression: guard(`${v('flagTokens')}.size() <= ${MAX_FLAG_TOKENS}`),
      message: `${key} has more than ${MAX_FLAG_TOKENS} items.`,
      reason: 'Invalid',
    },
    {
      expression: guard(`${at}.all(i, ${recs}[i].k == 'V' || ${opts}[i] != '')`),
      messageExpression:
        `${str(`${key}: '`)} + ${first(`${recs}[i].k != 'V' && ${opts}[i] == ''`)} + "' is not an ` +
        `sbatch option, or is the start of several (write the full name)."`,
      reason: 'Invalid',
    },
    {
      expression: guard(`!${at}.exists(i, ${refused})`),
      messageExpression:
        `${str(`${key}: '`)} + ${first(refused)} + "'" + (${recs}[${j(refused)}].n ` +
        `== ${opts}[${j(refused)}] ? "" : " is --" + ${opts}[${j(refused)}] + " to sbatch, which") ` +
        `+ " is not allowed: " + ${v('flagRefusals')}[${opts}[${j(refused)}]] + "."`,
      reason: 'Forbidden',
    },
    {
      expression: guard(`!${at}.exists(i, ${takesNone} || ${shortGlued})`),
      messageExpression:
        `${str(`${key}: '`)} + ${first(`${takesNone} || ${shortGlued}`)} + "' gives a value to a ` +
        `flag that takes none (write each short flag on its own)."`,
      reason: 'Invalid',
    },
    {
      expression: guard(`!${at}.exists(i, ${recs}[i].k == 'L=' && ${recs}[i].v == '')`),
      messageExpression: `${str(`${key}: '`)} + ${first(`${recs}[i].k == 'L=' && ${recs}[i].v == ''`)} + "' has an empty value."`,
      reason: 'Invalid',
    },
    {
      expression: guard(`!${at}.exists(i, ${missing})`),
      messageExpression:
        `${str(`${key}: '`)} + ${first(missing)} + "' needs a value (--name=value): sbatch would ` +
        `take the next #SBATCH line's word, such as the plugin's own --uid, as its value."`,
      reason: 'Invalid',
    },
    {
      expression: guard(`!${at}.exists(i, ${stray})`),
      messageExpression: `${str(`${key}: '`)} + ${first(stray)} + "' is not a flag; every item must start with - or --."`,
      reason: 'Invalid',
    },
    {
      expression: guard(`!${at}.exists(i, ${badValue})`),
      messageExpression:
        `${str(`${key}: --`)} + ${opts}[${at}.filter(i, ${badValue})[0]] + " '" ` +
        `+ ${v('flagValues')}[${at}.filter(i, ${badValue})[0]] + "' is not a valid value (a time is ` +
        `M, M:S, H:M:S, D-H, D-H:M or D-H:M:S; memory a positive number with K, M, G or T; counts 1 ` +
        `to 999999999)."`,
      reason: 'Invalid',
    },
  ];
}

// ---- binds -------------------------------------------------------------------------------------

function bindVariables(kind: PolicyKind, id: string, key: string): Variable[] {
  const toks = v(`${id}Tokens`);
  const binder = `${toks}[i] in ['--bind', '-B']`;
  return [
    { name: `${id}Text`, expression: `${v('annotations')}[?${str(key)}].orValue('')` },
    { name: `${id}Check`, expression: changed(kind, str(key)) },
    { name: `${id}Tokens`, expression: `${v(`${id}Text`)}.split(' ').filter(t, t != '')` },
    { name: `${id}At`, expression: `${positions}.filter(i, i < ${toks}.size())` },
    {
      name: `${id}Specs`,
      expression:
        `${v(`${id}At`)}.filter(i, !(${binder})).map(i, i > 0 && ${toks}[i - 1] in ['--bind', '-B'] ` +
        `? ${toks}[i] : (${toks}[i].startsWith('--bind=') ? ${toks}[i].substring(7) : ${toks}[i]))`,
    },
    { name: `${id}Items`, expression: `${v(`${id}Specs`)}.join(',').split(',').filter(x, ${v(`${id}Specs`)}.size() > 0)` },
    { name: `${id}Hosts`, expression: `${v(`${id}Items`)}.map(x, x.split(':')[0])` },
    {
      name: `${id}Targets`,
      expression: `${v(`${id}Items`)}.map(x, x.split(':').size() > 1 ? x.split(':')[1] : x.split(':')[0]).map(p, ${stripSlash('p')})`,
    },
  ];
}

function rootsOk(path: string): string {
  const p = stripSlash(path);
  return `(${v('allowedRoots')}.exists(r, ${under(p, 'r')}) && !${v('refusedRoots')}.exists(r, ${under(p, 'r')} || ${under('r', p)}))`;
}
const HOST_PATH_SHAPE = "It must also be an absolute path of letters, digits and / . _ - + @ % = ~ without '//', '.' or '..' parts.";
const ROOTS_RULE =
  "a bind source must lie under a directory this site allows binds from (the policy's " +
  "allowedBindRoots), and neither inside nor above the Slurm plugin's job directory " +
  "(refusedBindRoots), which holds every job's script, environment and Slurm job id.";

function bindValidations(id: string, key: string): Validation[] {
  const toks = v(`${id}Tokens`);
  const guard = (e: string) => `!${v(`${id}Check`)} || ${e}`;
  const reserved = [CONFIG_MOUNT_PATH, SECRETS_MOUNT_PATH];
  const reservedTest = reserved.map((r) => `p == ${str(r)} || p.startsWith(${str(`${r}/`)})`).join(' || ');
  return [
    {
      expression: guard(`${v(`${id}Text`)}.matches(${re(BINDS_TEXT)}) && ${toks}.size() <= ${MAX_FLAG_TOKENS}`),
      message:
        `${key} may contain only --bind, -B and paths of letters, digits and / . _ - + @ % = ~, ` +
        `with : and , between them, on one line: the plugin pastes it unquoted into the job script.`,
      reason: 'Invalid',
    },
    {
      expression: guard(
        `${v(`${id}At`)}.all(i, ${toks}[i] in ['--bind', '-B'] ? i + 1 < ${toks}.size() : ` +
          `(${toks}[i].startsWith('--bind=') || (i > 0 && ${toks}[i - 1] in ['--bind', '-B'])))`,
      ),
      message: `${key} must be --bind src:dst[:ro] items (or -B, --bind=); other singularity options go in ${SLURM.singularityOptions}.`,
      reason: 'Invalid',
    },
    {
      expression: guard(
        `${v(`${id}Items`)}.all(x, x.matches(${re(BIND_SPEC)}) && ` +
          `!x.split(':')[0].matches(${re(UNNORMAL_PATH)}) && !(x.split(':').size() > 1 && ` +
          `x.split(':')[1].matches(${re(UNNORMAL_PATH)})))`,
      ),
      message: `${key}: each bind must be src:dst[:ro|:rw] with absolute paths written without '//', '.' or '..' parts.`,
      reason: 'Invalid',
    },
    {
      expression: guard(`${v(`${id}Hosts`)}.all(p, ${rootsOk('p')})`),
      messageExpression: `${str(`${key}: '`)} + ${v(`${id}Hosts`)}.filter(p, !${rootsOk('p')})[0] + ${str(`' is refused: ${ROOTS_RULE}`)}`,
      reason: 'Forbidden',
    },
    {
      expression: guard(`${v(`${id}Targets`)}.all(p, !(${reservedTest}) && ${v(`${id}Targets`)}.filter(q, q == p).size() == 1)`),
      message: `${key}: a destination is mounted twice, or is where Offload mounts the script and secrets (${reserved.join(', ')}).`,
      reason: 'Invalid',
    },
  ];
}

// ---- other annotations -------------------------------------------------------------------------

const MODELLED = [SLURM.flags, SLURM.singularityMounts, SLURM.singularityOptions, SLURM.preExec, LEGACY.singularityMounts, LEGACY.preExec];
const CHECKED_ALONE = [...MODELLED, SLURM.imageRoot, SLURM.flavor, SLURM.mpiFlags, ...ENROOT_ANNOTATIONS];

function annotationValidations(kind: PolicyKind): Validation[] {
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

function reservedValidations(kind: PolicyKind): Validation[] {
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

// ---- the pod spec ------------------------------------------------------------------------------

function specValidations(): Validation[] {
  const s = v('spec');
  const containers = `(${s}.containers + ${s}.?initContainers.orValue([]))`;
  const guard = (e: string) => `!${v('specChanged')} || ${e}`;
  const hostPaths = `${s}.?volumes.orValue([]).filter(vol, has(vol.hostPath)).map(vol, vol.hostPath.path)`;
  const probe = (p: string) =>
    `(!${p}.hasValue() || (${p}.value().?exec.?command.orValue([]).all(x, ` +
    `!x.matches(${re(PROBE_UNSAFE)})) && ` +
    `!${p}.value().?httpGet.?path.orValue('').matches(${re(PROBE_UNSAFE)}) && ` +
    `!${p}.value().?httpGet.?host.orValue('').matches(${re(PROBE_UNSAFE)})))`;
  return [
    {
      expression: guard(`${containers}.all(c, c.?image.orValue('').matches(${re(IMAGE_VALUE)}))`),
      message:
        'Container images of an offloaded pod may contain only letters, digits and . _ : / @ + -: ' +
        'the plugin pastes the image unquoted into the job script.',
      reason: 'Invalid',
    },
    {
      expression: guard(`${containers}.all(c, c.?env.orValue([]).all(e, e.name.matches(${re(ENV_NAME)})))`),
      message:
        "Environment variable names of an offloaded pod must be letters, digits and '_', not " +
        "starting with a digit: the plugin writes them unquoted into the job's env file.",
      reason: 'Invalid',
    },
    {
      expression: guard(
        `${containers}.all(c, c.?volumeMounts.orValue([]).all(m, ` +
          `m.mountPath.matches(${re(PATH_VALUE)}) && !m.mountPath.matches(${re(UNNORMAL_PATH)})))`,
      ),
      message:
        'Mount paths of an offloaded pod must be absolute paths of letters, digits and / . _ - + @ ' +
        "% = ~, written without '//', '.' or '..' parts: the plugin pastes them unquoted into the " +
        'job script.',
      reason: 'Invalid',
    },
    {
      expression: guard(`${hostPaths}.all(p, p.matches(${re(PATH_VALUE)}) && !p.matches(${re(UNNORMAL_PATH)}) && ${rootsOk('p')})`),
      messageExpression:
        `"hostPath volume '" + ${hostPaths}.filter(p, !(p.matches(${re(PATH_VALUE)}) && ` +
        `!p.matches(${re(UNNORMAL_PATH)}) && ${rootsOk('p')}))[0] ` +
        `+ ${str(`' is refused: the plugin binds it into the job, and ${ROOTS_RULE} ${HOST_PATH_SHAPE}`)}`,
      reason: 'Forbidden',
    },
    {
      expression: guard(`!has(${s}.securityContext) || !has(${s}.securityContext.runAsUser)`),
      message:
        "spec.securityContext.runAsUser of an offloaded pod becomes sbatch --uid (the plugin's " +
        'override of DefaultUID and flavors): the site decides the Slurm user, per namespace with ' +
        'flavors.',
      reason: 'Forbidden',
    },
    {
      expression: guard(
        `${s}.containers.all(c, ${probe('c.?readinessProbe')} && ${probe('c.?livenessProbe')} && ${probe('c.?startupProbe')})`,
      ),
      message:
        'Probe commands and HTTP paths and hosts of an offloaded pod must not contain " $ ` or \\: ' +
        'the plugin (with EnableProbes) wraps them in double quotes in the job script without ' +
        'escaping them.',
      reason: 'Invalid',
    },
  ];
}

export interface PolicyObject {
  apiVersion: 'admissionregistration.k8s.io/v1';
  kind: 'ValidatingAdmissionPolicy';
  metadata: { name: string };
  spec: Record<string, unknown>;
}

/** The policy for Jobs or for Pods that target an interLink virtual node. */
export function admissionPolicy(kind: PolicyKind, name: string): PolicyObject {
  const w = where(kind);
  const resource =
    kind === 'Job'
      ? { apiGroups: ['batch'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['jobs'] }
      : { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods'] };
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name },
    spec: {
      failurePolicy: 'Fail',
      paramKind: { apiVersion: 'v1', kind: 'ConfigMap' },
      matchConstraints: { resourceRules: [resource] },
      // Cheap and without the site's settings: only a pod that names a node or tolerates a taint
      // can reach a virtual node, so every other pod skips the policy.
      matchConditions: [
        {
          name: 'may-target-a-node',
          expression: `has(${w.spec}.tolerations) || has(${w.spec}.nodeName) || has(${w.spec}.nodeSelector)`,
        },
      ],
      variables: [
        ...commonVariables(kind),
        ...flagVariables(kind),
        ...bindVariables(kind, 'binds', SLURM.singularityMounts),
        ...bindVariables(kind, 'legacyBinds', LEGACY.singularityMounts),
      ],
      validations: [
        ...reservedValidations(kind),
        ...flagValidations(),
        ...bindValidations('binds', SLURM.singularityMounts),
        ...bindValidations('legacyBinds', LEGACY.singularityMounts),
        ...annotationValidations(kind),
        ...specValidations(),
      ],
    },
  };
}
