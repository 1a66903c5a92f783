/**
 * Starts the app in a child process (support/serve.js) with the environment a test chooses, on its
 * own fresh SQLite file: these checks are about how the process is configured, not about the
 * database, so they use SQLite even when the suite runs on PostgreSQL.
 */
import { spawn, type ChildProcess } from 'child_process';
import fs from 'fs';
import path from 'path';
import supertest from 'supertest';

const appDir = path.resolve(__dirname, '..', '..', '..');
let counter = 0;

export interface AppProcess {
  url: string;
  http: () => ReturnType<typeof supertest>;
  stop: () => Promise<void>;
}

export async function startApp(env: Record<string, string>, { timeoutMs = 90_000 } = {}): Promise<AppProcess> {
  const file = path.join('.tmp', `security-${process.pid}-${++counter}.db`);
  fs.mkdirSync(path.join(appDir, '.tmp'), { recursive: true });
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'serve.js')], {
    cwd: appDir,
    env: {
      ...process.env,
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: file,
      DATABASE_URL: '',
      CRON_ENABLED: 'false',
      SMTP_PORT: '9',
      SMTP_TIMEOUT_MS: '300',
      ...env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`app did not start in ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /LISTENING (\d+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with ${code}: ${stderr}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    http: () => supertest(url),
    stop: async () => {
      if (child.exitCode === null) {
        let timer: NodeJS.Timeout | undefined;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.stdin!.end();
        await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 15_000)))]);
        clearTimeout(timer);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(path.join(appDir, file + suffix), { force: true });
    },
  };
}
