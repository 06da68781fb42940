// A real OpenID Connect provider for the tests (panva's oidc-provider, a certified
// implementation): one confidential client, a few accounts with passwords, a sign-in page and
// automatic consent. It listens on a free port of 127.0.0.1 and prints "READY <issuer>".
//
//   PROVIDER_CONFIG='{"clients":[...],"accounts":{"zhangsan":{"password":"…","claims":{…}}}}'
//   node tests/sso/oidc_provider.mjs
import crypto from 'node:crypto';
import http from 'node:http';

import Provider from 'oidc-provider';

const config = JSON.parse(process.env.PROVIDER_CONFIG || '{}');
const accounts = config.accounts || {};

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res, title, body, status = 200) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title>
<style>body{font-family:sans-serif;background:#eef2f7;margin:0}main{max-width:360px;margin:8vh auto;
background:#fff;padding:24px;border-radius:8px;box-shadow:0 1px 4px #0002}h1{font-size:20px}
label{display:block;margin:12px 0 4px}input{width:100%;box-sizing:border-box;padding:8px}
button{margin-top:16px;width:100%;padding:10px;background:#1559b5;color:#fff;border:0;border-radius:4px}
.error{color:#b00}</style></head><body><main>${body}</main></body></html>`);
}

function loginPage(res, uid, error = '') {
  page(res, '统一身份认证', `<h1>集团统一身份认证</h1>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login" autocomplete="off">
<label for="login">账号</label><input id="login" name="login" required autofocus>
<label for="password">密码</label><input id="password" name="password" type="password" required>
<button type="submit">登录</button></form>`, error ? 401 : 200);
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString());
}

async function interaction(provider, req, res) {
  const details = await provider.interactionDetails(req, res);
  const { uid, prompt, params, session } = details;
  if (prompt.name === 'login') {
    if (req.method !== 'POST') return loginPage(res, uid);
    const form = await readBody(req);
    const login = form.get('login') || '';
    const account = accounts[login];
    if (!account || account.password !== form.get('password')) {
      return loginPage(res, uid, '账号或密码错误');
    }
    return provider.interactionFinished(req, res, { login: { accountId: login } }, {
      mergeWithLastSubmission: false,
    });
  }
  if (prompt.name === 'consent') {
    // The platform is the company's own application: consent is given on the person's behalf.
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    const missing = prompt.details;
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes || {})) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
    const grantId = await grant.save();
    return provider.interactionFinished(req, res, { consent: { grantId } }, {
      mergeWithLastSubmission: true,
    });
  }
  return page(res, '错误', '<p>未知的交互。</p>', 400);
}

const server = http.createServer();
server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-signing-key', use: 'sig', alg: 'RS256' };
  const provider = new Provider(issuer, {
    clients: config.clients || [],
    jwks: { keys: [signingKey] },
    cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
    async findAccount(ctx, id) {
      const account = accounts[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account.claims }) };
    },
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      email: ['email', 'email_verified'],
      employee: ['employee_number', 'id_number'],
    },
    scopes: ['openid', 'profile', 'email', 'employee'],
    pkce: { required: () => true },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          ctx.type = 'html';
          ctx.body = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>退出统一身份认证</title></head>
<body><main><h1>退出集团统一身份认证？</h1>${form}
<button type="submit" form="op.logoutForm" value="yes" name="logout">退出</button></main></body></html>`;
        },
        async postLogoutSuccessSource(ctx) {
          ctx.type = 'html';
          ctx.body = '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>已退出</title></head><body><h1>已退出统一身份认证</h1></body></html>';
        },
      },
    },
  });
  const handle = provider.callback();
  server.on('request', (req, res) => {
    if (req.url.startsWith('/interaction/')) {
      interaction(provider, req, res).catch((error) => {
        page(res, '错误', `<p>${escape(error.message)}</p>`, 400);
      });
    } else {
      handle(req, res);
    }
  });
  process.stdout.write(`READY ${issuer}\n`);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
