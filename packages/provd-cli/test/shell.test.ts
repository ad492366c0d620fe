import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { BIN, startProvd } from './support.js';

/** The shell in a pseudo-terminal (util-linux `script`), typed into like a person would. */
function pty(args: string[]) {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: '/tmp', env: { ...process.env, TERM: 'xterm', PROVD_TOKEN: '' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  child.stdout.on('data', (chunk) => (screen += chunk));
  const waitFor = async (pattern: RegExp, ms = 15_000) => {
    const until = Date.now() + ms;
    while (!pattern.test(screen)) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${pattern} in:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return {
    type: (text: string) => child.stdin.write(text),
    waitFor,
    get screen() {
      return screen;
    },
    clear: () => (screen = ''),
    close: () => child.kill(),
    exited: new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1))),
  };
}

test('the interactive shell: the object model, awaited results, tab completion and colours', async (t) => {
  const { provd, token } = await startProvd(t);
  const shell = pty(['--url', provd.rest, '--token', token]);
  t.after(() => shell.close());
  await shell.waitFor(/provd> /);
  shell.clear(); // the banner names the objects too
  shell.type('devic\t');
  await shell.waitFor(/devices/);
  shell.type('.\t\t');
  await shell.waitFor(/find/);
  await shell.waitFor(/reconfigure/);
  shell.type('\x15'); // ^U: clear the line
  shell.clear();
  shell.type("await params.set('locale', 'fr_CA')\n");
  await shell.waitFor(/provd> (\x1b\[\d+G)?$/);
  shell.clear();
  shell.type("params.get('locale')\n");
  await shell.waitFor(/fr_CA/);
  assert.match(shell.screen, /\x1b\[32m'fr_CA'\x1b\[39m/, 'strings in colour on a terminal');
  shell.clear();
  shell.type("devices.get('nope')\n");
  await shell.waitFor(/404/);
  shell.type('.exit\n');
  assert.equal(await shell.exited, 0);
});
