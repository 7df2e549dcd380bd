import type { QueryClient } from '@tanstack/react-query';
import { useQueryClient } from '@tanstack/react-query';
import Keycloak from 'keycloak-js';
import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useSyncExternalStore,
} from 'react';
import i18n from '../i18n';
import type { TokenSource } from './api';
import { type AuthConfig, fetchAuthConfig, forgetUserData, identityKeys } from './identityKeys';

/** Where the session stands: asking the issuer, signed in, or not. */
export type AuthStatus = 'loading' | 'signed-in' | 'signed-out';

/** What pages see of the session. */
export interface Auth {
  status: AuthStatus;
  /** A valid access token (refreshed when close to expiry), undefined when signed out. */
  token: () => Promise<string | undefined>;
  /** Goes to the issuer's sign-in page; comes back to `redirectUri` (default: this page). */
  login: (options?: { redirectUri?: string }) => Promise<void>;
  /**
   * Goes to the issuer's registration page for an invitation, then back to its landing page;
   * without an invitation (registration open to all), back to the home page.
   */
  register: (invitationToken?: string) => Promise<void>;
  /** Ends the session at the issuer too, then comes back to the landing page. */
  logout: () => Promise<void>;
  /** The keycloak-js instance; null until the issuer's configuration is known (and in tests). */
  keycloak: Keycloak | null;
}

/** The session as a small store: React reads its status, the API client its tokens. */
export interface AuthController extends Omit<Auth, 'status'>, TokenSource {
  getStatus: () => AuthStatus;
  subscribe: (listener: () => void) => () => void;
  /** Asks the issuer whether a session exists (once; later calls do nothing). */
  start: () => void;
}

/** The page the issuer sends back to, with the answer in its fragment, inside a hidden iframe. */
const SILENT_CHECK_SSO_PATH = '/silent-check-sso.html';
/** keycloak-js waits forever for a silent check that a browser blocked: not us. */
const INIT_TIMEOUT_MS = 15_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = window.setTimeout(() => reject(new Error('The issuer did not answer')), ms);
    promise.then(
      (value) => {
        window.clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        window.clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** This page's address without the fragment (keycloak-js puts its answer there). */
function currentPage(): string {
  const url = new URL(window.location.href);
  url.hash = '';
  return url.toString();
}

/**
 * The session with keycloak-js, the same code for the built-in issuer (embedded mode, same
 * origin) and a real Keycloak: code flow with PKCE, silent check through an iframe on load,
 * tokens kept in memory only.
 */
export function createKeycloakAuth(queryClient: QueryClient): AuthController {
  let status: AuthStatus = 'loading';
  let keycloak: Keycloak | null = null;
  let config: AuthConfig | null = null;
  let starting: Promise<void> | null = null;
  const listeners = new Set<() => void>();

  const setStatus = (next: AuthStatus) => {
    if (status === next) return;
    status = next;
    if (next === 'signed-out') forgetUserData(queryClient);
    for (const listener of listeners) listener();
  };

  const signedOut = () => {
    keycloak?.clearToken();
    setStatus('signed-out');
  };

  async function init(): Promise<void> {
    const issuer = await queryClient.fetchQuery({
      queryKey: identityKeys.authConfig,
      queryFn: ({ signal }) => fetchAuthConfig(signal),
      staleTime: Number.POSITIVE_INFINITY,
    });
    config = issuer;
    const kc = new Keycloak({ url: issuer.url, realm: issuer.realm, clientId: issuer.clientId });
    kc.onTokenExpired = () => {
      kc.updateToken(30).catch(signedOut);
    };
    kc.onAuthSuccess = () => setStatus('signed-in');
    kc.onAuthLogout = () => setStatus('signed-out');
    keycloak = kc;
    const origin = window.location.origin;
    const authenticated = await withTimeout(
      kc.init({
        onLoad: 'check-sso',
        pkceMethod: 'S256',
        checkLoginIframe: false,
        silentCheckSsoRedirectUri: `${origin}${SILENT_CHECK_SSO_PATH}`,
        responseMode: 'fragment',
      }),
      INIT_TIMEOUT_MS,
    );
    setStatus(authenticated ? 'signed-in' : 'signed-out');
  }

  const start = () => {
    starting ??= init().catch((error: unknown) => {
      // No issuer (server down, misconfigured) or a refused sign-in: signed out, and
      // the next sign-in attempt tries again from the start.
      console.warn('Technopolice: no session', error);
      starting = null;
      if (!keycloak?.authenticated) setStatus('signed-out');
    });
  };

  /** The initialised instance, retrying the start when it had failed. */
  async function ready(): Promise<{ kc: Keycloak; config: AuthConfig }> {
    start();
    await starting;
    if (!keycloak || !config) throw new Error('The identity provider is unreachable');
    return { kc: keycloak, config };
  }

  return {
    getStatus: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start,
    get keycloak() {
      return keycloak;
    },
    async token() {
      if (!keycloak?.authenticated) return undefined;
      try {
        await keycloak.updateToken(30);
        return keycloak.token;
      } catch {
        signedOut();
        return undefined;
      }
    },
    async refresh() {
      if (!keycloak?.authenticated) return false;
      try {
        await keycloak.updateToken(-1);
        return true;
      } catch {
        return false;
      }
    },
    signedOut,
    async login(options) {
      const { kc } = await ready();
      await kc.login({ redirectUri: options?.redirectUri ?? currentPage(), locale: i18n.language });
    },
    async register(invitationToken) {
      const { kc, config: issuer } = await ready();
      const origin = window.location.origin;
      if (invitationToken === undefined) {
        await kc.register({ redirectUri: `${origin}/`, locale: i18n.language });
        return;
      }
      const token = encodeURIComponent(invitationToken);
      const next = await kc.createRegisterUrl({
        redirectUri: `${origin}/invitations/${token}`,
        locale: i18n.language,
      });
      // The issuer remembers the invitation, then shows its registration form.
      window.location.href = `${origin}/realms/${encodeURIComponent(issuer.realm)}/invitations/${token}?next=${encodeURIComponent(next)}`;
    },
    async logout() {
      const { kc } = await ready();
      forgetUserData(queryClient);
      await kc.logout({ redirectUri: `${window.location.origin}/` });
    },
  };
}

const AuthContext = createContext<Auth | null>(null);

/** Provides the session to the pages; `controller` is keycloak-js in the app, a fixed one in tests. */
export function AuthProvider({
  controller,
  children,
}: {
  controller: AuthController;
  children: ReactNode;
}) {
  const status = useSyncExternalStore(controller.subscribe, controller.getStatus);
  const queryClient = useQueryClient();

  // A session that ends while the page lives takes the user's data with it.
  const previous = useRef(status);
  useEffect(() => {
    if (previous.current === 'signed-in' && status === 'signed-out') forgetUserData(queryClient);
    previous.current = status;
  }, [status, queryClient]);

  const value = useMemo<Auth>(
    () => ({
      status,
      token: () => controller.token(),
      login: (options) => controller.login(options),
      register: (token) => controller.register(token),
      logout: () => controller.logout(),
      keycloak: controller.keycloak,
    }),
    [status, controller],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The session; throws outside an {@link AuthProvider}. */
export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth() needs an <AuthProvider> above it');
  return auth;
}
