import { ENV_NAME, IMAGE_VALUE, PATH_VALUE, PROBE_UNSAFE, UNNORMAL_PATH } from './admission-patterns.ts';
import { type Validation, re, str, v } from './policy-cel.ts';
import { HOST_PATH_SHAPE, ROOTS_RULE, rootsOk } from './policy-binds.ts';

// The policy's checks of the pod spec itself: environment, volumes, probes, user.

export function specValidations(): Validation[] {
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
