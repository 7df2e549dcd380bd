import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { createUserSchema } from '@technopolice/shared';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import Provider, { type Configuration, type KoaContextWithOIDC, errors } from 'oidc-provider';
import { DataSource } from 'typeorm';
import {
  API_AUDIENCE,
  CLI_CLIENT_ID,
  INSTANCE_ADMIN_ROLE,
  REALM_PATH,
  WEB_CLIENT_ID,
  issuerOf,
} from '../auth/realm.js';
import { type SettingsReader } from '../auth/settings-reader.js';
import { TokenVerifier } from '../auth/token-verifier.js';
import { AppError } from '../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { InvitationsService } from '../groups/invitations.service.js';
import { type Account, AccountsService } from './accounts.service.js';
import { databaseAdapter } from './oidc-adapter.js';
import {
  LOGIN_CSS,
  type PageText,
  alert,
  escapeHtml,
  field,
  messagePage,
  page,
  pickLanguage,
  textFor,
} from './pages.js';
import { SettingsService } from './settings.service.js';
import { SigningKeysService } from './signing-keys.service.js';

/** The resource indicator of the API (oidc-provider wants a URI); tokens carry `aud: technopolice-api`. */
const API_RESOURCE = 'urn:technopolice:api';
const API_SCOPE = 'api';
const INVITATION_COOKIE = 'technopolice_invitation';
const CSS_PATH = `${REALM_PATH}/resources/login.css`;
const ACCESS_TOKEN_TTL = 300;

/** The API as a resource server: its access tokens are RS256 JWTs for `technopolice-api`. */
const API_SERVER = {
  scope: API_SCOPE,
  audience: API_AUDIENCE,
  accessTokenTTL: ACCESS_TOKEN_TTL,
  accessTokenFormat: 'jwt',
  jwt: { sign: { alg: 'RS256' } },
} as const;

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

/**
 * The built-in OpenID Connect issuer of the embedded mode, on `oidc-provider` (a certified
 * implementation) with Keycloak's URL layout, so that keycloak-js and scripts work unchanged
 * against it or against a real Keycloak.
 */
@Injectable()
export class IssuerService implements OnModuleInit, OnApplicationShutdown, SettingsReader {
  private provider: Provider | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  readonly issuer: string;
  private readonly origin: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly keys: SigningKeysService,
    private readonly settings: SettingsService,
    private readonly invitations: InvitationsService,
    private readonly verifier: TokenVerifier,
  ) {
    this.issuer = issuerOf(config);
    this.origin = new URL(config.publicUrl).origin;
  }

  async onModuleInit(): Promise<void> {
    await this.forgetExpired();
    // Sessions, codes and tokens past their expiry are never read again: drop them hourly.
    this.sweeper = setInterval(() => void this.forgetExpired().catch(() => undefined), 3600_000);
    this.sweeper.unref();
    if (this.config.bootstrapAdmin) {
      await this.accounts.bootstrapAdmin(
        this.config.bootstrapAdmin.username,
        this.config.bootstrapAdmin.password,
      );
    }
    await this.build();
  }

  /** What `npm start` tells the person who just started it. */
  async signInHint(): Promise<string> {
    if (await this.accounts.none()) {
      return `No account yet: open ${this.config.publicUrl}, choose "Se connecter", then "Créer un compte"; the first account is the instance admin.`;
    }
    return this.config.bootstrapAdmin
      ? `Sign in as ${this.config.bootstrapAdmin.username} (BOOTSTRAP_ADMIN_USERNAME).`
      : 'Sign in with your account; new accounts come from group invitations.';
  }

  onApplicationShutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.provider = null;
  }

  /** Drops sessions, codes and tokens past their expiry. */
  async forgetExpired(): Promise<void> {
    await this.dataSource.transaction((tx) =>
      tx.query('DELETE FROM oidc_payloads WHERE expires_at < now()'),
    );
  }

  /** Rotates the signing key: new tokens are signed by a new key, old ones still verify. */
  async rotateKeys(): Promise<string> {
    const kid = await this.keys.rotate();
    await this.build();
    this.verifier.forgetKeys();
    return kid;
  }

  private async build(): Promise<void> {
    const accounts = this.accounts;
    const findAccount = async (_ctx: KoaContextWithOIDC, sub: string) => {
      const account = await accounts.find(sub);
      if (!account) return undefined;
      return {
        accountId: account.id,
        claims: () => ({
          sub: account.id,
          preferred_username: account.username,
          name: account.displayName,
        }),
      };
    };
    const configuration: Configuration = {
      adapter: databaseAdapter(this.dataSource),
      clients: [
        {
          client_id: WEB_CLIENT_ID,
          token_endpoint_auth_method: 'none',
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          redirect_uris: [`${this.origin}/`],
          post_logout_redirect_uris: [`${this.origin}/`],
        },
        {
          client_id: CLI_CLIENT_ID,
          token_endpoint_auth_method: 'none',
          grant_types: ['password', 'refresh_token'],
          response_types: [],
          redirect_uris: [],
        },
      ],
      jwks: { keys: await this.keys.active() },
      cookies: { keys: await this.settings.cookieKeys() },
      findAccount,
      claims: { openid: ['sub'], profile: ['preferred_username', 'name'] },
      scopes: ['openid', 'profile', 'offline_access', API_SCOPE],
      pkce: { required: () => true },
      routes: {
        authorization: '/protocol/openid-connect/auth',
        token: '/protocol/openid-connect/token',
        jwks: '/protocol/openid-connect/certs',
        userinfo: '/protocol/openid-connect/userinfo',
        end_session: '/protocol/openid-connect/logout',
        revocation: '/protocol/openid-connect/revoke',
        introspection: '/protocol/openid-connect/token/introspect',
      },
      extraParams: ['kc_action', 'kc_locale'],
      interactions: {
        url: (_ctx, interaction) => `${REALM_PATH}/login-actions/${interaction.uid}`,
      },
      features: {
        devInteractions: { enabled: false },
        revocation: { enabled: true },
        introspection: { enabled: true },
        rpInitiatedLogout: {
          enabled: true,
          logoutSource: (ctx, form) =>
            koaPage(ctx, (t) => ({
              title: t.signOutTitle,
              script: {
                src: `${REALM_PATH}/resources/logout.js`,
                auto: Boolean(ctx.oidc.params?.id_token_hint),
              },
              body: `<h1>${t.signOutTitle}</h1><p class="lead">${t.signOutLead}</p>${form}
<div class="actions"><button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>${t.signOut}</button>
<button type="submit" form="op.logoutForm" class="secondary">${t.stay}</button></div>`,
            })),
          postLogoutSuccessSource: (ctx) =>
            koaPage(ctx, (t) => messagePage(t, t.signedOutTitle, t.signedOutLead)),
        },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => API_RESOURCE,
          useGrantedResource: () => true,
          getResourceServerInfo: (_ctx, indicator) => {
            if (indicator !== API_RESOURCE) throw new errors.InvalidTarget();
            return API_SERVER;
          },
        },
      },
      // First-party clients: the grant is implied, nobody is asked to consent to our own app.
      loadExistingGrant: async (ctx) => {
        const grantId =
          (ctx.oidc.result?.consent as { grantId?: string } | undefined)?.grantId ??
          ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
        if (grantId) {
          const existing = await ctx.oidc.provider.Grant.find(grantId);
          if (existing) return existing;
        }
        const grant = new ctx.oidc.provider.Grant({
          clientId: ctx.oidc.client!.clientId,
          accountId: ctx.oidc.session!.accountId,
        });
        grant.addOIDCScope('openid profile offline_access');
        grant.addResourceScope(API_RESOURCE, API_SCOPE);
        await grant.save();
        return grant;
      },
      issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
      extraTokenClaims: async (_ctx, token) => {
        if (!('accountId' in token) || !token.accountId) return undefined;
        const account = await accounts.find(token.accountId);
        if (!account) return undefined;
        return {
          preferred_username: account.username,
          name: account.displayName,
          realm_access: { roles: account.isInstanceAdmin ? [INSTANCE_ADMIN_ROLE] : [] },
        };
      },
      ttl: {
        AccessToken: ACCESS_TOKEN_TTL,
        AuthorizationCode: 60,
        IdToken: 3600,
        Interaction: 3600,
        Grant: 30 * 24 * 3600,
        Session: 14 * 24 * 3600,
        RefreshToken: 30 * 24 * 3600,
      },
      renderError: (ctx, out) =>
        koaPage(ctx, (t) =>
          messagePage(
            t,
            t.errorTitle,
            t.errorLead,
            String(out.error_description ?? out.error ?? ''),
          ),
        ),
    };
    const provider = new Provider(this.issuer, configuration);
    // Any page of our own origin may be where sign-in started (keycloak-js returns there).
    const origin = this.origin;
    const sameOrigin = (value: string) => {
      try {
        return new URL(value).origin === origin;
      } catch {
        return false;
      }
    };
    provider.Client.prototype.redirectUriAllowed = sameOrigin;
    provider.Client.prototype.postLogoutRedirectUriAllowed = sameOrigin;
    provider.registerGrantType('password', (ctx) => this.passwordGrant(ctx), [
      'username',
      'password',
      'scope',
    ]);
    // keycloak-js decodes the refresh token it is given (Keycloak's are JWTs) and gives up on
    // an opaque one. Ours stay opaque references, random and looked up in the database, but
    // shaped header.payload.random so that decoding succeeds; nothing trusts their content.
    const issuer = this.issuer;
    (
      provider.RefreshToken.prototype as unknown as { generateTokenId: () => string }
    ).generateTokenId = () => {
      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      return `${part({ alg: 'none', typ: 'Refresh' })}.${part({ typ: 'Refresh', iss: issuer, iat: Math.floor(Date.now() / 1000) })}.${randomBytes(32).toString('base64url')}`;
    };
    provider.proxy = true;
    this.provider = provider;
  }

  /** Direct access grant for `technopolice-cli`: username and password for an access token. */
  private async passwordGrant(ctx: KoaContextWithOIDC): Promise<void> {
    const params = ctx.oidc.params as { username?: string; password?: string };
    if (!params.username || !params.password)
      throw new errors.InvalidRequest('username and password are required');
    const account = await this.accounts.authenticate(params.username, params.password);
    if (!account) throw new errors.InvalidGrant('invalid user credentials');
    const { provider, client } = ctx.oidc;
    const grant = new provider.Grant({ clientId: client!.clientId, accountId: account.id });
    grant.addOIDCScope('openid profile');
    grant.addResourceScope(API_RESOURCE, API_SCOPE);
    const grantId = await grant.save();
    const resourceServer = new provider.ResourceServer(API_RESOURCE, API_SERVER);
    const accessToken = new provider.AccessToken({
      accountId: account.id,
      client: client!,
      grantId,
      gty: 'password',
      scope: API_SCOPE,
      resourceServer,
    });
    const refreshToken = new provider.RefreshToken({
      accountId: account.id,
      client: client!,
      grantId,
      gty: 'password',
      scope: 'openid profile',
      resource: API_RESOURCE,
    });
    ctx.body = {
      access_token: await accessToken.save(),
      token_type: 'Bearer',
      expires_in: accessToken.expiration,
      refresh_token: await refreshToken.save(),
      scope: API_SCOPE,
    };
  }

  /** The Express router mounted at `/realms/technopolice`. */
  router(): Router {
    const router = express.Router();
    const form = express.urlencoded({ extended: false, limit: '16kb' });
    const provider = () => {
      if (!this.provider) throw new Error('the issuer is not started');
      return this.provider;
    };

    // The provider builds its URLs from the request: make them the public ones, whatever
    // address this request came in on (and whatever a client claimed in its headers).
    const publicUrl = new URL(this.config.publicUrl);
    router.use((req: Request, _res: Response, next: NextFunction) => {
      req.headers.host = publicUrl.host;
      req.headers['x-forwarded-proto'] = publicUrl.protocol.replace(':', '');
      delete req.headers['x-forwarded-host'];
      next();
    });

    router.get('/resources/login.css', (_req, res) => {
      res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(LOGIN_CSS);
    });
    // Keycloak's third-party cookie check, loaded by keycloak-js before a silent check-sso.
    // Scripts are files of ours: the CSP allows no inline script.
    const THIRD_PARTY_CHECK = {
      'step1.html':
        '<!doctype html><html><head><script src="step1.js"></script></head><body></body></html>',
      'step2.html':
        '<!doctype html><html><head><script src="step2.js"></script></head><body></body></html>',
      'step1.js':
        'document.cookie="KEYCLOAK_3P_COOKIE_SAMESITE=supported; Max-Age=60; SameSite=None; Secure";' +
        'document.cookie="KEYCLOAK_3P_COOKIE=supported; Max-Age=60";window.location.href="step2.html";',
      'step2.js':
        'var ok=document.cookie.indexOf("KEYCLOAK_3P_COOKIE")!==-1;' +
        'document.cookie="KEYCLOAK_3P_COOKIE_SAMESITE=; Max-Age=0; SameSite=None; Secure";' +
        'document.cookie="KEYCLOAK_3P_COOKIE=; Max-Age=0";' +
        'window.parent.postMessage(ok?"supported":"unsupported",window.location.origin);',
    } as const;
    router.get('/protocol/openid-connect/3p-cookies/:file', (req, res) => {
      const file = req.params.file as keyof typeof THIRD_PARTY_CHECK;
      if (!Object.hasOwn(THIRD_PARTY_CHECK, file)) {
        res.status(404).end();
        return;
      }
      res
        .type(file.endsWith('.js') ? 'text/javascript' : 'html')
        .set('Cache-Control', 'no-store')
        .send(THIRD_PARTY_CHECK[file]);
    });
    // Signing out from the app (with the session's id token as hint) needs no second click.
    router.get('/resources/logout.js', (_req, res) => {
      res
        .type('text/javascript')
        .set('Cache-Control', 'public, max-age=3600')
        .send(
          'var f=document.getElementById("op.logoutForm");if(f&&document.body.dataset.auto==="yes"){var i=document.createElement("input");i.type="hidden";i.name="logout";i.value="yes";f.appendChild(i);f.submit();}',
        );
    });

    // The app's own font, from the built web app, so these pages look like the rest.
    const font = this.interFont();
    router.get('/resources/inter.woff2', (_req, res) => {
      if (!font) {
        res.status(404).end();
        return;
      }
      res.set('Cache-Control', 'public, max-age=86400').type('font/woff2').sendFile(font);
    });

    // Keycloak's registration endpoint, used by keycloak-js `register()`: the authorization
    // endpoint with the registration form shown first.
    router.get('/protocol/openid-connect/registrations', (req, res) => {
      const query = new URLSearchParams(req.query as Record<string, string>);
      query.set('kc_action', 'register');
      res.redirect(303, `${REALM_PATH}/protocol/openid-connect/auth?${query.toString()}`);
    });

    // An invitation link leads here before registering: remember it for the registration form.
    router.get('/invitations/:token', async (req, res, next) => {
      try {
        const nextUrl = typeof req.query.next === 'string' ? req.query.next : '';
        const allowed = `${this.issuer}/protocol/openid-connect/registrations?`;
        const target = nextUrl.startsWith(allowed) ? nextUrl : '/';
        if (await this.invitations.isUsable(req.params.token)) {
          res.cookie(INVITATION_COOKIE, req.params.token, {
            httpOnly: true,
            sameSite: 'lax',
            secure: this.config.publicUrl.startsWith('https://'),
            path: REALM_PATH,
            maxAge: 3600_000,
          });
        }
        res.redirect(303, target);
      } catch (error) {
        next(error);
      }
    });

    router.get('/login-actions/:uid', async (req, res, next) => {
      try {
        const details = await provider().interactionDetails(req, res);
        if (details.prompt.name !== 'login') {
          // Consent is implied for our own clients; anything else goes back to the provider.
          await provider().interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
          return;
        }
        const mode = typeof req.query.mode === 'string' ? req.query.mode : details.params.kc_action;
        const register = mode === 'register';
        res
          .type('html')
          .send(await this.renderInteraction(req, details, register ? 'register' : 'login', {}));
      } catch (error) {
        next(error);
      }
    });

    router.post('/login-actions/:uid/login', form, async (req, res, next) => {
      try {
        const details = await provider().interactionDetails(req, res);
        const body = req.body as Record<string, string | undefined>;
        const account = await this.accounts.authenticate(body.username ?? '', body.password ?? '');
        if (!account) {
          const t = textFor(this.languageOf(req, details));
          res
            .status(401)
            .type('html')
            .send(
              await this.renderInteraction(req, details, 'login', {
                username: body.username,
                error: t.wrongCredentials,
              }),
            );
          return;
        }
        await this.finishLogin(req, res, account);
      } catch (error) {
        next(error);
      }
    });

    router.post('/login-actions/:uid/register', form, async (req, res, next) => {
      try {
        const details = await provider().interactionDetails(req, res);
        const t = textFor(this.languageOf(req, details));
        const body = req.body as Record<string, string | undefined>;
        const values = { username: body.username, displayName: body.displayName };
        const again = async (
          status: number,
          state: Parameters<IssuerService['renderInteraction']>[3],
        ) => {
          res
            .status(status)
            .type('html')
            .send(await this.renderInteraction(req, details, 'register', { ...values, ...state }));
        };
        if (!(await this.mayRegister(req))) {
          await again(403, { error: t.registrationClosed });
          return;
        }
        if ((body.password ?? '') !== (body.passwordConfirm ?? '')) {
          await again(400, { fieldErrors: { passwordConfirm: t.mismatch } });
          return;
        }
        const parsed = createUserSchema.safeParse({
          username: body.username ?? '',
          password: body.password ?? '',
          displayName: body.displayName?.trim() ? body.displayName : undefined,
        });
        if (!parsed.success) {
          await again(400, {
            fieldErrors: Object.fromEntries(
              parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]),
            ),
          });
          return;
        }
        let account: Account;
        try {
          account = await this.dataSource.transaction(async (tx) =>
            this.accounts.create(tx, {
              ...parsed.data,
              isInstanceAdmin: await this.accounts.none(tx),
            }),
          );
        } catch (error) {
          if (!(error instanceof AppError) || error.code !== 'username_taken') throw error;
          await again(409, { fieldErrors: { username: error.message } });
          return;
        }
        res.clearCookie(INVITATION_COOKIE, { path: REALM_PATH });
        await this.finishLogin(req, res, account);
      } catch (error) {
        next(error);
      }
    });

    router.use((req: Request, res: Response) => {
      void provider().callback()(req, res);
    });
    router.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
      if (error instanceof errors.SessionNotFound || error instanceof errors.InvalidRequest) {
        const language = pickLanguage(req.get('accept-language'));
        const t = textFor(language);
        res
          .status(400)
          .type('html')
          .send(
            page({ language, cssHref: CSS_PATH, ...messagePage(t, t.errorTitle, t.errorLead) }),
          );
        return;
      }
      next(error);
    });
    return router;
  }

  private interFont(): string | null {
    if (!this.config.webDistDir) return null;
    const assets = join(this.config.webDistDir, 'assets');
    const name = existsSync(assets)
      ? readdirSync(assets).find((file) => /^inter-latin-wght-normal-.*\.woff2$/.test(file))
      : undefined;
    return name ? join(assets, name) : null;
  }

  private async finishLogin(req: Request, res: Response, account: Account): Promise<void> {
    await this.provider!.interactionFinished(
      req,
      res,
      { login: { accountId: account.id } },
      { mergeWithLastSubmission: false },
    );
  }

  private languageOf(req: Request, details: Interaction): 'fr' | 'en' {
    const params = details.params as Record<string, string | undefined>;
    return pickLanguage(
      typeof req.query.lang === 'string' ? req.query.lang : undefined,
      params.kc_locale,
      params.ui_locales,
      req.get('accept-language'),
    );
  }

  /**
   * Registration is open to people holding a usable invitation, or to all if the admin says so,
   * and on a new instance to its first person, who becomes its admin.
   */
  async registrationOpen(): Promise<boolean> {
    return (await this.settings.registrationOpen()) || (await this.accounts.none());
  }

  private async mayRegister(req: Request): Promise<boolean> {
    if (await this.registrationOpen()) return true;
    const token = readCookie(req, INVITATION_COOKIE);
    return token ? this.invitations.isUsable(token) : false;
  }

  private async renderInteraction(
    req: Request,
    details: Interaction,
    mode: 'login' | 'register',
    state: {
      username?: string | undefined;
      displayName?: string | undefined;
      error?: string;
      fieldErrors?: Record<string, string>;
    },
  ): Promise<string> {
    const language = this.languageOf(req, details);
    const t = textFor(language);
    const base = `${REALM_PATH}/login-actions/${details.uid}`;
    const switchHref = `${base}?mode=${mode}&lang=${language === 'fr' ? 'en' : 'fr'}`;
    const mayRegister = await this.mayRegister(req);
    if (mode === 'register') {
      const errors = state.fieldErrors ?? {};
      const body = mayRegister
        ? `<h1>${t.registerTitle}</h1><p class="lead">${t.registerLead}</p>${alert(state.error)}
<form method="post" action="${base}/register" novalidate>
${field({ name: 'username', label: t.username, autocomplete: 'username', value: state.username ?? '', hint: t.usernameHint, error: errors.username })}
${field({ name: 'displayName', label: t.displayName, autocomplete: 'nickname', value: state.displayName ?? '', hint: t.displayNameHint, error: errors.displayName })}
${field({ name: 'password', label: t.password, type: 'password', autocomplete: 'new-password', hint: t.passwordHint, error: errors.password })}
${field({ name: 'passwordConfirm', label: t.passwordConfirm, type: 'password', autocomplete: 'new-password', error: errors.passwordConfirm })}
<div class="actions"><button type="submit">${t.register}</button></div>
</form>
<p class="foot"><a href="${base}?mode=login&amp;lang=${language}">${t.haveAccount}</a></p>`
        : `<h1>${t.registerTitle}</h1>${alert(state.error ?? t.registrationClosed)}<p class="foot"><a href="${base}?mode=login&amp;lang=${language}">${t.haveAccount}</a></p>`;
      return page({ language, title: t.registerTitle, cssHref: CSS_PATH, body, switchHref });
    }
    const body = `<h1>${t.signInTitle}</h1><p class="lead">${t.signInLead}</p>${alert(state.error)}
<form method="post" action="${base}/login" novalidate>
${field({ name: 'username', label: t.username, autocomplete: 'username', value: state.username ?? '' })}
${field({ name: 'password', label: t.password, type: 'password', autocomplete: 'current-password' })}
<div class="actions"><button type="submit">${t.signIn}</button></div>
</form>
<p class="foot">${mayRegister ? `<a href="${base}?mode=register&amp;lang=${language}">${t.createInstead}</a>` : escapeHtml(t.noAccount)}</p>`;
    return page({ language, title: t.signInTitle, cssHref: CSS_PATH, body, switchHref });
  }
}

/** Renders one of our pages as the answer of an oidc-provider (Koa) hook. */
function koaPage(
  ctx: KoaContextWithOIDC,
  render: (t: PageText) => Omit<Parameters<typeof page>[0], 'language' | 'cssHref'>,
): void {
  const language = pickLanguage(ctx.get('accept-language'));
  ctx.type = 'html';
  ctx.body = page({ language, cssHref: CSS_PATH, ...render(textFor(language)) });
}

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}
