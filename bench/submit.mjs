// submit.mjs: durable report submissions per second: N PUTs of a 30-value
// weekly report (submit: true) for N different teams, C at a time, spread
// over the app servers named (BASE[,BASE...]).
const [basesArg, cookie, csrf, teamsArg, nArg, cArg, period] = process.argv.slice(2);
const bases = basesArg.split(',');
const teams = teamsArg.split(',').map(Number);
const N = Math.min(Number(nArg), teams.length), C = Number(cArg);
const codes = JSON.parse(process.env.CODES);
let next = 0, failed = 0;
const t0 = process.hrtime.bigint();
await Promise.all(Array.from({ length: C }, async (_, k) => {
  const base = bases[k % bases.length];
  while (next < N) {
    const team = teams[next++];
    const values = Object.fromEntries(codes.map((c, i) => [c, (team + i) % 17]));
    const r = await fetch(`${base}/api/v1/teams/${team}/reports/${period}`, {
      method: 'PUT', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ form: 'BENCH30', values, submit: true }),
    });
    await r.text();
    if (r.status !== 200) failed++;
  }
}));
const s = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`${(N / s).toFixed(0)} ${failed}`);
