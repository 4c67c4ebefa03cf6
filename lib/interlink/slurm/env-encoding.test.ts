import { describe, expect, it } from 'vitest';

import { encodedEnvName, encodeEnvValue, ENV_VALUE_MAX_BYTES, envNameError, envValueError, renderPrelude } from './env-encoding';

describe('environment names', () => {
  it.each(['A', '_x', 'PIPELINE_CONFIG', 'path2', 'PATH', 'constructor', 'toString'])('accepts %s', (name) => {
    expect(envNameError(name)).toBeNull();
  });

  it.each([
    ['1A', /'1A' is not a POSIX variable name: letters, digits and '_', not starting with a digit/],
    ['A-B', /not a POSIX variable name/],
    ['', /not a POSIX variable name/],
    ['OFFLOAD_B64_X', /reserved: names starting with OFFLOAD_ carry Offload's encoded values/],
    ['EVENT', /reserved: EVENT carries the job input, as in OSCAR/],
    ['HOME', /reserved: Offload sets HOME to \/tmp, the only writable directory/],
    ['TMPDIR', /reserved: Offload sets TMPDIR/],
    ['IFS', /reserved: the shell running the script sets it/],
    ['PPID', /reserved: the shell/],
    ['__proto__', /'__proto__' cannot be used as a name/],
  ])('refuses %j', (name, message) => {
    expect(envNameError(name)).toMatch(message);
  });
});

describe('environment values', () => {
  it('accepts everything but NUL, unpaired surrogates and more than 64 KiB', () => {
    for (const v of ['', '\n', ' a ', `"'\`$\\%,=;&`, '😀', 'x'.repeat(ENV_VALUE_MAX_BYTES)]) expect(envValueError(v)).toBeNull();
    expect(envValueError('a\u0000b')).toMatch(/must not contain a NUL character: no shell variable can hold one/);
    expect(envValueError('\ud800')).toMatch(/unpaired surrogate/);
    expect(envValueError('é'.repeat(ENV_VALUE_MAX_BYTES / 2 + 1))).toBe('is 65538 bytes; a value may have at most 65536 bytes (64 KiB)');
  });

  it('travels as Base64 of its UTF-8 bytes under OFFLOAD_B64_<NAME>', () => {
    expect(encodedEnvName('TOKEN')).toBe('OFFLOAD_B64_TOKEN');
    expect(encodeEnvValue('a\n')).toBe('YQo=');
  });
});

describe('renderPrelude', () => {
  it('decodes everything before assigning, then runs the script', () => {
    expect(renderPrelude({ variables: ['A'], secrets: ['S'] })).toBe(
      [
        '# Written by Offload: restores the service environment exactly, then runs the script.',
        'offload_fail() { echo "offload: cannot restore $1: $2" >&2; exit 1; }',
        'HOME=/tmp; TMPDIR=/tmp; export HOME TMPDIR',
        'cd /tmp || exit 1',
        `OFFLOAD_V_A="$(printf '%s' "$OFFLOAD_B64_A" | base64 -d && printf x)" || offload_fail A ` +
          `'base64 -d failed (is base64 in the image?)'`,
        `OFFLOAD_V_S="$(cat '/oscar/secrets/S' && printf x)" || offload_fail S 'cannot read /oscar/secrets/S'`,
        'A="${OFFLOAD_V_A%x}"; export A; unset OFFLOAD_V_A OFFLOAD_B64_A',
        'S="${OFFLOAD_V_S%x}"; export S; unset OFFLOAD_V_S',
        "exec /bin/sh '/oscar/config/script.sh'",
        '',
      ].join('\n'),
    );
  });

  it('refuses a name that is not a valid variable, so nothing else reaches the shell', () => {
    expect(() => renderPrelude({ variables: ['A;rm'], secrets: [] })).toThrow(/invalid variable name/);
  });
});
