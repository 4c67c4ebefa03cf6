import { BINDS_TEXT, BIND_SPEC, MAX_FLAG_TOKENS, UNNORMAL_PATH } from './admission-patterns.ts';
import { SLURM_ANNOTATIONS as SLURM } from '../model/keys.ts';
import { CONFIG_MOUNT_PATH, SECRETS_MOUNT_PATH } from '../services/mount-paths.ts';
import { type PolicyKind, type Validation, type Variable, changed, positions, re, str, stripSlash, under, v } from './policy-cel.ts';

// The policy's checks of the Singularity bind annotations (current and legacy spelling).

export function bindVariables(kind: PolicyKind, id: string, key: string): Variable[] {
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

export function rootsOk(path: string): string {
  const p = stripSlash(path);
  return `(${v('allowedRoots')}.exists(r, ${under(p, 'r')}) && !${v('refusedRoots')}.exists(r, ${under(p, 'r')} || ${under('r', p)}))`;
}
export const HOST_PATH_SHAPE = "It must also be an absolute path of letters, digits and / . _ - + @ % = ~ without '//', '.' or '..' parts.";
export const ROOTS_RULE =
  "a bind source must lie under a directory this site allows binds from (the policy's " +
  "allowedBindRoots), and neither inside nor above the Slurm plugin's job directory " +
  "(refusedBindRoots), which holds every job's script, environment and Slurm job id.";

export function bindValidations(id: string, key: string): Validation[] {
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
