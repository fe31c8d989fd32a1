// probe.mjs: a normal client from its own address: GET PATH every 100 ms
// for SECONDS over keep-alive connections, each with a 10 s timeout;
// prints p50, p95 and max latency in ms and the count of failed requests
// (an error, a timeout or a status other than 200).
// Usage: node probe.mjs URL LOCAL_ADDRESS SECONDS
import http from 'node:http';

const [url, localAddress, secondsArg] = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: true, maxSockets: 4, localAddress });
const times = [];
let failed = 0;
const one = () => new Promise((resolve) => {
  const t0 = process.hrtime.bigint();
  const req = http.get(url, { agent, timeout: 10000 }, (res) => {
    res.resume();
    res.on('end', () => {
      if (res.statusCode !== 200) failed++;
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      resolve();
    });
  });
  req.on('timeout', () => req.destroy(new Error('timeout')));
  req.on('error', () => { failed++; times.push(10000); resolve(); });
});
const end = Date.now() + Number(secondsArg) * 1000;
const pending = [];
while (Date.now() < end) {
  pending.push(one());
  await new Promise((r) => setTimeout(r, 100));
}
await Promise.all(pending);
times.sort((a, b) => a - b);
const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(1);
console.log(`${q(0.5)} ${q(0.95)} ${times[times.length - 1].toFixed(1)} ${failed} ${times.length}`);
agent.destroy();
