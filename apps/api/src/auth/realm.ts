import { type AppConfig } from '../config/config.js';

/** The realm name, as in Keycloak. */
export const REALM = 'technopolice';
/** Where the built-in issuer is mounted. */
export const REALM_PATH = `/realms/${REALM}`;
/** The audience every access token must carry. */
export const API_AUDIENCE = 'technopolice-api';
/** The web app's client (authorization code + PKCE). */
export const WEB_CLIENT_ID = 'technopolice-web';
/** The scripts' client (direct access grant). */
export const CLI_CLIENT_ID = 'technopolice-cli';
/** The realm role that makes an instance admin (Keycloak's `realm_access.roles`). */
export const INSTANCE_ADMIN_ROLE = 'technopolice-admin';

/** The issuer tokens must come from. */
export function issuerOf(config: Pick<AppConfig, 'oidcIssuer' | 'publicUrl'>): string {
  return config.oidcIssuer ?? `${config.publicUrl}${REALM_PATH}`;
}

/** True when this server is its own issuer (embedded mode). */
export function isBuiltInIssuer(config: Pick<AppConfig, 'oidcIssuer'>): boolean {
  return config.oidcIssuer === null;
}
