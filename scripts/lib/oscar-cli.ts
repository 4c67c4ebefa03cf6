// OSCAR's own tools in the tests of Offload's OSCAR-compatible API: the real oscar-cli and
// oscar-job (lab/oscar-job), built by the lab from ../shared/vendor (cached by version), and
// the commands and files of docs/oscar.md, read from the page so that it cannot drift.
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { LAB, ROOT, exec, tempDir, type CmdResult } from './lab-commands.ts';

export const OSCAR_CLI = path.join(LAB, 'bin', 'oscar-cli');
export const OSCAR_JOB = path.join(LAB, 'bin', 'oscar-job');

/** `lab/build.sh oscar_cli`: a few seconds when cached, minutes on a new machine. */
export async function buildOscarTools(): Promise<void> {
  const r = await exec('bash', [path.join(ROOT, 'lab', 'build.sh'), 'oscar_cli'], undefined, { timeoutMs: 30 * 60_000 });
  if (r.code !== 0) throw new Error(`lab/build.sh oscar_cli failed:\n${r.stdout}\n${r.stderr}`);
}

export interface DocBlocks {
  /** ```lang file=<name> blocks: name → content. */
  files: Record<string, string>;
  /** ```sh run=<who> blocks: who → command lines (comments and blank lines left out). */
  commands: Record<string, string[]>;
}

export function docBlocks(file = path.join(ROOT, 'docs', 'oscar.md')): DocBlocks {
  const markdown = readFileSync(file, 'utf8');
  const blocks: DocBlocks = { files: {}, commands: {} };
  for (const m of markdown.matchAll(/^```\w+ (file|run)=(\S+)\n([\s\S]*?)^```$/gm)) {
    const [, kind = '', name = '', body = ''] = m;
    if (kind === 'file') blocks.files[name] = body;
    else blocks.commands[name] = body.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  }
  return blocks;
}

/** A working directory holding the page's files, and `.lab` as the commands name it. */
export function docWorkdir(blocks: DocBlocks): string {
  const dir = tempDir('offload-oscar-cli-');
  for (const [name, content] of Object.entries(blocks.files)) writeFileSync(path.join(dir, name), content);
  symlinkSync(LAB, path.join(dir, '.lab'));
  return dir;
}

/**
 * One command line of the page, run by bash as written, with `oscar-cli` the lab's binary
 * keeping its configuration in `config`: oscar-cli finds ~/.oscar-cli through the password
 * database, not $HOME, so a test must not let it write the default one.
 */
export function oscarCliLine(line: string, o: { cwd: string; config: string; offload: string }): Promise<CmdResult> {
  const script = `oscar-cli() { "$OSCAR_CLI_BIN" "$@" --config "$OSCAR_CLI_CONFIG"; }\n${line}\n`;
  return exec('bash', ['-c', script], undefined, {
    cwd: o.cwd,
    env: { OSCAR_CLI_BIN: OSCAR_CLI, OSCAR_CLI_CONFIG: o.config, OFFLOAD: o.offload },
    timeoutMs: 300_000,
  });
}

/** oscar-cli with arguments, the configuration in `config`. */
export function oscarCli(args: string[], o: { cwd: string; config: string }): Promise<CmdResult> {
  return exec(OSCAR_CLI, [...args, '--config', o.config], undefined, { cwd: o.cwd });
}

/** The Job OSCAR 3.3.0 creates for an asynchronous invocation of `service` with `event` (lab/oscar-job). */
export async function oscarMadeJob(service: Record<string, unknown>, namespace: string, event: string): Promise<Record<string, unknown>> {
  const file = path.join(tempDir('offload-oscar-job-'), 'service.json');
  writeFileSync(file, JSON.stringify(service));
  const r = await exec(OSCAR_JOB, ['-service', file, '-namespace', namespace], event);
  if (r.code !== 0) throw new Error(`oscar-job failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}
