/** `npm run dev`: the API server (restarted on change) and Vite's dev server, which proxies /api to it. */
import { spawn } from 'node:child_process';

const children = [
  spawn('tsx', ['watch', 'server/main.ts'], { stdio: 'inherit', env: { ...process.env, PORT: '8080' } }),
  spawn('vite', [], { stdio: 'inherit' }),
];

function stopAll() {
  for (const child of children) child.kill('SIGTERM');
}
for (const child of children) child.on('exit', stopAll);
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);
