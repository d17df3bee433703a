// A small HTTP client for crash tests: fetch with a cookie jar, the CSRF token the server gave,
// JSON helpers and the few tus 1.0 calls the evidence uploads need. Every request has a deadline.
const DEADLINE_MS = 30_000;

export function client(baseUrl) {
  const jar = new Map();
  let csrf = '';
  const remember = res => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    if (jar.has('mc_csrf') && !csrf) csrf = jar.get('mc_csrf');
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const request = async (method, path, {headers = {}, body, signal, duplex} = {}) => {
    const res = await fetch(baseUrl + path, {
      method, body, duplex, redirect: 'manual', signal: signal ?? AbortSignal.timeout(DEADLINE_MS),
      headers: {cookie: cookie(), 'x-csrf-token': csrf, ...headers},
    });
    remember(res);
    return res;
  };
  // The signed-in token lives in the page (meta csrf-token), not in the anonymous cookie.
  const learnToken = html => {
    const m = /<meta name="csrf-token" content="([^"]+)"/.exec(html);
    if (m) csrf = m[1];
  };
  return {
    request,
    // For handing the session to another program (curl, wrk) in benchmarks.
    get cookieHeader() { return cookie(); },
    get csrfToken() { return csrf; },
    async page(path) {
      const res = await request('GET', path);
      const html = await res.text();
      learnToken(html);
      return {status: res.status, html};
    },
    async form(path, fields) {
      const res = await request('POST', path, {
        body: new URLSearchParams({...fields, _csrf: csrf}),
        headers: {'content-type': 'application/x-www-form-urlencoded'},
      });
      await res.arrayBuffer();
      return {status: res.status, location: res.headers.get('location') ?? ''};
    },
    async json(method, path, value) {
      const res = await request(method, path, value === undefined ? {} : {
        body: JSON.stringify(value), headers: {'content-type': 'application/json'},
      });
      const text = await res.text();
      let data = null;
      try { data = text ? JSON.parse(text) : null; } catch { data = text; }
      return {status: res.status, data};
    },
    async signIn(email, password = 'microcred-demo') {
      await this.page('/sign-in');
      const res = await this.form('/sign-in', {email, password});
      if (res.status !== 303 || res.location.startsWith('/sign-in')) throw new Error(`sign-in as ${email}: ${res.status}`);
      csrf = '';
      await this.page('/dashboard');
      if (!csrf) throw new Error(`no CSRF token after signing in as ${email}`);
    },
    // tus 1.0: create an upload for one part of a submission; returns its path (/uploads/<id>).
    async createUpload({submission, part, name, type, length}) {
      const meta = Object.entries({filename: name, filetype: type, submission_id: submission, part_id: part})
        .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(',');
      const res = await request('POST', '/uploads', {headers: {'tus-resumable': '1.0.0', 'upload-length': String(length), 'upload-metadata': meta}});
      await res.arrayBuffer();
      if (res.status !== 201) throw new Error(`create upload: ${res.status}`);
      return new URL(res.headers.get('location'), baseUrl).pathname;
    },
    async offset(upload) {
      const res = await request('HEAD', upload, {headers: {'tus-resumable': '1.0.0'}});
      return {status: res.status, offset: Number(res.headers.get('upload-offset'))};
    },
    // One PATCH; `body` may be a Buffer or a ReadableStream (sent as it is produced).
    async patch(upload, offset, body, signal) {
      const res = await request('PATCH', upload, {
        body, signal, duplex: 'half',
        headers: {'tus-resumable': '1.0.0', 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream'},
      });
      await res.arrayBuffer();
      return {status: res.status, offset: Number(res.headers.get('upload-offset'))};
    },
  };
}
