import { ChildProcess, execSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/// A broadsheet-server of a test's own, on a loopback port of its own, that the test can stop and start again
/// (to cut the network, or to deploy another build on the same origin).
export class OwnServer {
  readonly port = Number(execSync(
    `python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"`,
  ).toString().trim());
  readonly dir = mkdtempSync(join(tmpdir(), 'broadsheet-own-'));
  readonly base = `http://127.0.0.1:${this.port}`;
  private child: ChildProcess | null = null;

  /// Starts it on `dist`, with `settings` before `serve` (the site's: a CMS to sync from, say).
  async start(dist = 'dist', settings: string[] = []): Promise<void> {
    this.child = spawn('target/server/broadsheet-server', [...settings, 'serve', '--addr', `127.0.0.1:${this.port}`,
      '--db', join(this.dir, 'own.db'), '--content', 'content', '--dist', dist,
      '--media-store', join(this.dir, 'media-store')], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`${this.base}/api/v1/sections`)).ok) return;
      } catch { /* not yet */ }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('server did not start');
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => { child.once('exit', () => resolve()); child.kill('SIGTERM'); });
  }

  /// A second build: dist copied, its index.html changed, and its worker written again by the build's own hook.
  secondBuild(): { dist: string; build: string } {
    const dist = join(this.dir, 'dist2');
    cpSync('dist', dist, { recursive: true });
    const index = join(dist, 'index.html');
    writeFileSync(index, readFileSync(index, 'utf8').replace('</body>', '<!-- second build --></body>'));
    execSync(`sh scripts/sw-precache.sh ${dist}`, { stdio: 'ignore' });
    const build = /name="broadsheet-build" content="([0-9a-f]+)"/.exec(readFileSync(index, 'utf8'))![1];
    return { dist, build };
  }
}
