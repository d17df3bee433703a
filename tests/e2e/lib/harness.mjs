// Browser-test harness: a real microcred server on a free port with its own data folder and a
// mail sink, Debian's chromium driven by playwright-core, screenshots and axe-core checks.
// Used by tests/e2e/*.spec.mjs and tests/crash/ (node --test; see ./test).
import {spawn, execFileSync} from 'node:child_process';
import {EventEmitter, once} from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {chromium} from 'playwright-core';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const artifactsDir = path.join(repo, 'tests/e2e/artifacts');
const axePath = path.join(repo, 'tests/e2e/node_modules/axe-core/axe.min.js');

// Bounded waits: a server that has not said where it listens by then is broken, not slow.
const START_TIMEOUT_MS = 90_000; // first start seeds demo data (one Argon2id hash, catalog, keys)
const STOP_TIMEOUT_MS = 10_000;

let lastBaseUrl = null; // pages default to the most recently started server

// ---------------------------------------------------------------- the server

// startServer({database: 'sqlite' | 'pg', dataDir, env, args, keepData})
//   -> {baseUrl, mail, dataDir, database, pid, proc, log(), stop(), kill()}
// 'pg' needs MICROCRED_TEST_PG (an admin URL; ./test starts that server) and gets a fresh
// database that stop() drops. Pass an existing dataDir (and the same database) to restart
// over the data of an earlier run, as the crash test does.
export async function startServer(options = {}) {
  const {database = 'sqlite', env = {}, args = [], keepData = false} = options;
  const bin = process.env.MICROCRED_BIN || path.join(repo, 'build/release/src/app/microcred');
  if (!fs.existsSync(bin)) throw new Error(`microcred binary not found at ${bin} (build it, or set MICROCRED_BIN)`);
  const ownsDir = !options.dataDir;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mc-e2e-'));

  let dbUrl = options.databaseUrl;
  let dropPg = null;
  if (!dbUrl && database === 'sqlite') {
    dbUrl = `sqlite:${path.join(dataDir, 'microcred.db')}`;
  } else if (!dbUrl && database === 'pg') {
    const admin = process.env.MICROCRED_TEST_PG;
    if (!admin) throw new Error("startServer({database: 'pg'}) needs MICROCRED_TEST_PG (./test sets it)");
    const name = `mc_e2e_${process.pid}_${Date.now().toString(36)}`;
    psql(admin, `CREATE DATABASE ${name}`);
    dbUrl = admin.replace(/\/[^/]*$/, `/${name}`);
    dropPg = () => psql(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } else if (!dbUrl) {
    throw new Error(`unknown database kind ${database}`);
  }

  const mail = await startMailSink();
  const output = [];
  const proc = spawn(bin, ['serve', '--demo', '--port', '0', '--database', dbUrl,
    '--data-dir', path.join(dataDir, 'data'), '--source-dir', process.env.MICROCRED_SOURCE_DIR || repo, ...args], {
    cwd: repo,
    env: {...process.env, MICROCRED_SMTP_HOST: '127.0.0.1', MICROCRED_SMTP_PORT: String(mail.port), ...env},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = chunk => {
    output.push(chunk.toString());
    if (output.length > 2000) output.splice(0, output.length - 2000); // bounded log
  };
  proc.stderr.on('data', keep);

  let baseUrl;
  try {
    baseUrl = await new Promise((resolve, reject) => {
      let buffered = '';
      const timer = setTimeout(() => reject(new Error(`microcred did not report a port within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
      proc.stdout.on('data', chunk => {
        keep(chunk);
        buffered += chunk.toString();
        const m = buffered.match(/microcred listening on (http:\/\/127\.0\.0\.1:\d+)/);
        if (m) { clearTimeout(timer); resolve(m[1]); }
      });
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`microcred exited before listening (code ${code}, signal ${signal})`));
      });
    });
  } catch (e) {
    proc.kill('SIGKILL');
    await mail.close();
    dropPg?.();
    throw new Error(`${e.message}\n--- server output ---\n${output.join('')}`);
  }
  lastBaseUrl = baseUrl;

  let stopped = false;
  const exited = new Promise(resolve => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve();
    else proc.once('exit', resolve);
  });
  const cleanup = async () => {
    if (stopped) return;
    stopped = true;
    await mail.close();
    try { dropPg?.(); } catch (e) { console.error(`could not drop test database: ${e.message}`); }
    if (ownsDir && !keepData) fs.rmSync(dataDir, {recursive: true, force: true});
  };
  return {
    baseUrl, mail, dataDir, database: dbUrl, pid: proc.pid, proc,
    log: () => output.join(''),
    // Graceful stop (SIGTERM), then SIGKILL if it hangs; removes the data folder it made.
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      await cleanup();
    },
    // kill -9: no chance to flush or clean anything (crash tests). Keeps the data folder.
    async kill() {
      proc.kill('SIGKILL');
      await exited;
      stopped = true;
      await mail.close();
    },
  };
}

function psql(url, sql) {
  execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qc', sql], {stdio: ['ignore', 'ignore', 'pipe']});
}

// ---------------------------------------------------------------- the mail sink

// A minimal SMTP server on 127.0.0.1:<free port> that accepts every message and keeps it.
// Messages: {from, to: [addresses], raw, headers, subject, text, links}.
export async function startMailSink() {
  const messages = [];
  const events = new EventEmitter();
  const sockets = new Set();
  const server = net.createServer(socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.setEncoding('latin1'); // bytes as they are; mail bodies are 7-bit or encoded anyway
    const reply = line => socket.write(`${line}\r\n`);
    let envelope = {from: '', to: []};
    let inData = false;
    let pending = '';
    let data = [];
    reply('220 microcred-test-sink ESMTP');
    socket.on('data', chunk => {
      pending += chunk;
      let nl;
      while ((nl = pending.indexOf('\r\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            const msg = parseMessage(envelope, data.join('\r\n'));
            messages.push(msg);
            events.emit('message', msg);
            envelope = {from: '', to: []};
            data = [];
            reply('250 2.0.0 queued');
          } else {
            data.push(line.startsWith('..') ? line.slice(1) : line); // dot-unstuffing
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') { reply('250-microcred-test-sink'); reply('250-8BITMIME'); reply('250 SMTPUTF8'); }
        else if (verb === 'HELO') reply('250 microcred-test-sink');
        else if (verb === 'MAIL') { envelope.from = angle(line); reply('250 2.1.0 ok'); }
        else if (verb === 'RCPT') { envelope.to.push(angle(line).toLowerCase()); reply('250 2.1.5 ok'); }
        else if (verb === 'DATA') { inData = true; reply('354 end with <CRLF>.<CRLF>'); }
        else if (verb === 'RSET') { envelope = {from: '', to: []}; reply('250 ok'); }
        else if (verb === 'NOOP') reply('250 ok');
        else if (verb === 'QUIT') { reply('221 bye'); socket.end(); }
        else if (verb === 'AUTH') reply('235 2.7.0 accepted');
        else reply('502 5.5.2 not implemented');
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: server.address().port,
    messages,
    // Resolves with the first message (already received or arriving within timeoutMs) sent to
    // `to` for which predicate(msg) is true.
    waitFor(to, predicate = () => true, timeoutMs = 15_000) {
      const wanted = to.toLowerCase();
      const matches = m => m.to.includes(wanted) && predicate(m);
      const found = messages.find(matches);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const onMessage = m => {
          if (!matches(m)) return;
          clearTimeout(timer);
          events.off('message', onMessage);
          resolve(m);
        };
        const timer = setTimeout(() => {
          events.off('message', onMessage);
          const seen = messages.map(m => `${m.to.join(',')}: ${m.subject}`).join('\n  ') || '(none)';
          reject(new Error(`no mail to ${to} matching within ${timeoutMs} ms; received:\n  ${seen}`));
        }, timeoutMs);
        events.on('message', onMessage);
      });
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise(resolve => server.close(() => resolve()));
    },
  };
}

function angle(line) {
  const m = line.match(/<([^>]*)>/);
  return m ? m[1] : line.slice(line.indexOf(':') + 1).trim();
}

function parseHeaders(block) {
  const headers = {};
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function decodeBody(headers, body) {
  const encoding = (headers['content-transfer-encoding'] || '').toLowerCase();
  let bytes;
  if (encoding === 'base64') bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  else if (encoding === 'quoted-printable') {
    bytes = Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-Fa-f]{2})/g,
      (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1');
  } else bytes = Buffer.from(body, 'latin1');
  return bytes.toString('utf8');
}

// Text of a message: the decoded body, or every decoded text part of a multipart message.
function bodyText(headers, body) {
  const type = headers['content-type'] || 'text/plain';
  const boundary = type.match(/boundary="?([^";]+)"?/i);
  if (!/^multipart\//i.test(type) || !boundary) return decodeBody(headers, body);
  return body.split(`--${boundary[1]}`).slice(1)
    .filter(part => !part.startsWith('--'))
    .map(part => {
      const split = part.indexOf('\r\n\r\n');
      if (split < 0) return '';
      const h = parseHeaders(part.slice(0, split).replace(/^\r\n/, ''));
      return bodyText(h, part.slice(split + 4));
    }).join('\n');
}

function decodeWords(s) { // RFC 2047 encoded words in headers (Spanish subjects)
  return s.replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_, charset, enc, text) => {
    const buf = enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (__, h) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    return buf.toString(/utf-?8/i.test(charset) ? 'utf8' : 'latin1');
  });
}

function parseMessage(envelope, raw) {
  const split = raw.indexOf('\r\n\r\n');
  const headers = parseHeaders(split < 0 ? raw : raw.slice(0, split));
  const text = bodyText(headers, split < 0 ? '' : raw.slice(split + 4));
  return {
    from: envelope.from, to: envelope.to, raw, headers,
    subject: decodeWords(headers.subject || ''),
    text,
    links: [...new Set(text.match(/https?:\/\/[^\s"'<>)]+/g) || [])],
  };
}

// ---------------------------------------------------------------- the browser

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

export function launchBrowser() {
  return chromium.launch({executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS});
}

// A page in a fresh context (own cookies). opts: baseURL (default: the last started server),
// locale (sets Accept-Language; default en-US), and any other playwright context option.
async function newPage(browser, defaults, opts = {}) {
  const {baseURL = lastBaseUrl, locale = 'en-US', ...rest} = opts;
  const context = await browser.newContext({baseURL, locale, ...defaults, ...rest});
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

// A cheap phone: 360 x 740 CSS pixels, touch, mobile viewport rules.
export function phonePage(browser, opts) {
  return newPage(browser, {viewport: {width: 360, height: 740}, isMobile: true, hasTouch: true, deviceScaleFactor: 1}, opts);
}

export function desktopPage(browser, opts) {
  return newPage(browser, {viewport: {width: 1280, height: 800}}, opts);
}

// Full-page screenshot into tests/e2e/artifacts/<name>.png (gitignored); returns the path.
export async function shot(page, name) {
  fs.mkdirSync(artifactsDir, {recursive: true});
  const file = path.join(artifactsDir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({path: file, fullPage: true});
  return file;
}

// Widest content on the page in CSS pixels; more than the viewport means sideways scrolling.
export function scrollWidth(page) {
  return page.evaluate(() => document.scrollingElement.scrollWidth);
}

let axeSource;
// Runs axe-core on the page and fails on any violation of impact serious or critical, listing
// each with the elements it found. Lesser ones are printed, not failed. Returns the violations.
export async function checkA11y(page, {label = page.url(), options = {}} = {}) {
  axeSource ??= fs.readFileSync(axePath, 'utf8');
  // evaluate (not a <script> tag) so a Content-Security-Policy cannot block the checker.
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(axeSource);
  const results = await page.evaluate(opts => window.axe.run(document, {resultTypes: ['violations'], ...opts}), options);
  const describe = v => `  [${v.impact}] ${v.id}: ${v.help}\n` +
    v.nodes.slice(0, 5).map(n => `      ${n.target.join(' ')}  ${n.failureSummary?.split('\n').slice(1).join('; ')}`).join('\n');
  const serious = results.violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
  const minor = results.violations.filter(v => !serious.includes(v));
  if (minor.length) console.log(`axe (not failing) on ${label}:\n${minor.map(describe).join('\n')}`);
  if (serious.length) {
    const text = `axe: ${serious.length} serious/critical accessibility violation(s) on ${label}:\n${serious.map(describe).join('\n')}`;
    console.log(text);
    throw new Error(text);
  }
  return results.violations;
}

// Signs in through the real form; throws with the page's error text when it does not work.
export async function signIn(page, email, password = 'microcred-demo') {
  await page.goto('/sign-in');
  const form = page.locator('main form').filter({has: page.locator('input[name="password"]')});
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="password"]').fill(password);
  await Promise.all([
    page.waitForURL(url => !new URL(url).pathname.startsWith('/sign-in'), {timeout: 15_000}).catch(() => {}),
    form.locator('button[type="submit"], input[type="submit"]').first().click(),
  ]);
  if (new URL(page.url()).pathname.startsWith('/sign-in')) {
    const alert = await page.locator('.usa-alert, .usa-error-message').allInnerTexts();
    throw new Error(`sign-in as ${email} failed: ${alert.join(' / ') || 'still on the sign-in page'}`);
  }
}

// The link a sign-up sends (the account exists once it is opened): waits for the message to
// `email` in the server's mail sink and returns the link's path.
export async function signUpLink(server, email) {
  const msg = await server.mail.waitFor(email, m => m.links.some(l => l.includes('/sign-up/confirm/')));
  return new URL(msg.links.find(l => l.includes('/sign-up/confirm/'))).pathname;
}

// The locale catalogs, for asserting on text without copying it into tests.
export function catalog(lang) {
  const dir = path.join(repo, 'web/locales', lang);
  // Deep merge, as the server does: several files may add keys under one group (notifications.*).
  const merge = (into, from) => {
    for (const [k, v] of Object.entries(from)) {
      if (v && typeof v === 'object' && into[k] && typeof into[k] === 'object') merge(into[k], v);
      else into[k] = v;
    }
    return into;
  };
  const merged = {};
  for (const f of fs.readdirSync(dir).filter(f => f.endsWith('.json')))
    merge(merged, JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
  return key => key.split('.').reduce((node, k) => node?.[k], merged) ?? (() => { throw new Error(`no ${lang} text for ${key}`); })();
}
