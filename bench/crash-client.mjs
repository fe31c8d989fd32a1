// crash-client.mjs: report PUTs with Idempotency-Keys, C at a time, until
// the server dies (bench/crash.sh kills it). Each write is one (team,
// week) of the list in JOBS (JSON lines {team, period, values}), never
// written twice, taken from line START on. Every write answered 200 is
// appended to ACKED as a JSON line; the count of writes begun is printed,
// so that the next round starts after them.
// Usage: node crash-client.mjs BASE COOKIE CSRF JOBS START ACKED C
import { readFileSync, appendFileSync } from 'node:fs';

const [base, cookie, csrf, jobsFile, startArg, acked, cArg] = process.argv.slice(2);
const jobs = readFileSync(jobsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
let next = Number(startArg);
let dead = false;
await Promise.all(Array.from({ length: Number(cArg) }, async () => {
  while (!dead && next < jobs.length) {
    const job = jobs[next++];
    try {
      const r = await fetch(`${base}/api/v1/teams/${job.team}/reports/${job.period}`, {
        method: 'PUT',
        headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json', 'idempotency-key': `crash-${job.team}-${job.period}` },
        body: JSON.stringify({ form: 'WEEKLY', values: job.values, submit: true }),
      });
      await r.text();
      if (r.status === 200) appendFileSync(acked, JSON.stringify(job) + '\n');
    } catch {
      dead = true; // the server is gone: this write may or may not be stored
    }
  }
}));
console.log(next);
