// p50.mjs: p50 and p90 of N sequential GETs of a URL with a cookie.
const [url, cookie, nArg] = process.argv.slice(2);
const N = Number(nArg || 100);
const t = [];
let bytes = 0;
for (let i = 0; i < N; i++) {
  const t0 = process.hrtime.bigint();
  const r = await fetch(url, { headers: { cookie } });
  const body = await r.text();
  if (r.status !== 200) throw new Error(`${url}: ${r.status} ${body.slice(0, 200)}`);
  bytes = body.length;
  t.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
t.sort((a, b) => a - b);
console.log(`${t[Math.floor(N / 2)].toFixed(2)} ${t[Math.floor(N * 0.9)].toFixed(2)} ${bytes}`);
