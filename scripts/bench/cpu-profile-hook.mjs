// Loaded with --import by the benchmarks (NODE_OPTIONS refuses --cpu-prof): profiles the whole process and
// writes a .cpuprofile into CPU_PROFILE_DIR when it exits, for Chrome DevTools or scripts/bench/profile-top.ts.
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 1000 });
session.post('Profiler.start');
process.on('exit', () => {
  session.post('Profiler.stop', (error, result) => {
    if (!error) writeFileSync(join(process.env.CPU_PROFILE_DIR ?? '.', `server-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
});
