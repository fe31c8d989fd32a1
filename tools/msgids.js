// msgids.js: list every message id the C sources use (req_t, i18n_get,
// respond_error, N_), one per line, sorted; with --check PO, exit 1 naming
// each msgid that PO lacks or leaves untranslated.
'use strict';
const fs = require('fs');
const path = require('path');

function walk(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (p.endsWith('.c') || p.endsWith('.h')) out.push(p);
  }
  return out;
}

// Read adjacent C string literals starting at src[i]; returns [text, end].
function literals(src, i) {
  let text = '', any = false;
  for (;;) {
    while (/\s/.test(src[i])) i++;
    if (src[i] !== '"') break;
    i++;
    while (src[i] !== '"') {
      if (src[i] === '\\') {
        const c = src[i + 1];
        text += c === 'n' ? '\n' : c === 't' ? '\t' : c;
        i += 2;
      } else text += src[i++];
    }
    i++;
    any = true;
  }
  return any ? [text, i] : [null, i];
}

function extract(root) {
  const ids = new Set();
  const calls = [/req_t\(\s*r\s*,/g, /i18n_get\(\s*[a-z>.-]+\s*,/g, /\bN_\(/g,
                 /respond_error\(\s*r\s*,\s*\d+\s*,\s*"[a-z0-9_]+"\s*,/g];
  for (const f of walk(root, [])) {
    const src = fs.readFileSync(f, 'utf8');
    for (const re of calls) {
      let m;
      while ((m = re.exec(src))) {
        const [text] = literals(src, m.index + m[0].length);
        if (text !== null) ids.add(text);
      }
    }
  }
  return [...ids].sort();
}

function poEntries(file) {
  const src = fs.readFileSync(file, 'utf8');
  const map = new Map();
  const unq = (s) => JSON.parse(s);
  const re = /msgid\s+((?:"(?:[^"\\]|\\.)*"\s*)+)msgstr\s+((?:"(?:[^"\\]|\\.)*"\s*)+)/g;
  let m;
  while ((m = re.exec(src))) {
    const join = (blk) => blk.match(/"(?:[^"\\]|\\.)*"/g).map(unq).join('');
    map.set(join(m[1]), join(m[2]));
  }
  return map;
}

const root = path.join(__dirname, '..', 'src');
const ids = extract(root);
const i = process.argv.indexOf('--check');
if (i < 0) {
  console.log(ids.join('\n'));
} else {
  const po = poEntries(process.argv[i + 1]);
  const missing = ids.filter((id) => !po.get(id));
  for (const id of missing) console.error(`missing translation: ${JSON.stringify(id)}`);
  process.exit(missing.length ? 1 : 0);
}
