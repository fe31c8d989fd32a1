// login.mjs: p50/p90 of a sign-in (POST /api/v1/session, argon2id verify)
// against GET /api/v1/me with the same session in the same run (N each).
const [base, user, password, nArg] = process.argv.slice(2);
const N = Number(nArg || 50);
const times = async (fn) => {
  const t = [];
  for (let i = 0; i < N; i++) { const t0 = process.hrtime.bigint(); await fn(); t.push(Number(process.hrtime.bigint() - t0) / 1e6); }
  t.sort((a, b) => a - b);
  return { p50: t[Math.floor(N / 2)], p90: t[Math.floor(N * 0.9)] };
};
let cookie;
const login = await times(async () => {
  const r = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user, password }) });
  if (r.status !== 201) throw new Error(`login: ${r.status}`);
  cookie = r.headers.get('set-cookie').split(';')[0];
  await r.text();
});
const me = await times(async () => { const r = await fetch(`${base}/api/v1/me`, { headers: { cookie } }); await r.text(); });
console.log(`sign-in p50 ${login.p50.toFixed(1)} ms (p90 ${login.p90.toFixed(1)}), GET /api/v1/me p50 ${me.p50.toFixed(2)} ms, ratio ${(login.p50 / me.p50).toFixed(0)}`);
