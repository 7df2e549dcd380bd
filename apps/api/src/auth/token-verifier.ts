import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { AppError } from '../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import {
  API_AUDIENCE,
  INSTANCE_ADMIN_ROLE,
  REALM_PATH,
  issuerOf,
  isBuiltInIssuer,
} from './realm.js';

/** What a verified access token says about its bearer. */
export interface VerifiedToken {
  issuer: string;
  subject: string;
  username: string;
  name: string | null;
  isInstanceAdmin: boolean;
}

const ALGORITHMS = ['RS256', 'PS256', 'ES256'];

/**
 * Verifies access tokens the same way for HTTP routes and socket handshakes: signature against
 * the issuer's JWKS (cached by jose, refetched when an unknown `kid` shows up), issuer,
 * audience, expiry, and an algorithm allow-list.
 */
@Injectable()
export class TokenVerifier {
  private readonly issuer: string;
  private jwks: ReturnType<typeof createRemoteJWKSet> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.issuer = issuerOf(config);
  }

  /**
   * The built-in issuer runs in this process; its JWKS is fetched over loopback from the
   * address the request came in on, exactly as a Keycloak's would be.
   */
  private keySet(local: { address: string; port: number } | null) {
    if (this.jwks) return this.jwks;
    let base: string;
    if (isBuiltInIssuer(this.config)) {
      if (!local) throw new AppError('service_unavailable', 'The issuer is not reachable yet.');
      const host = local.address.includes(':') ? `[${local.address}]` : local.address;
      base = `http://${host === '[::]' || host === '0.0.0.0' ? '127.0.0.1' : host}:${local.port}${REALM_PATH}`;
    } else {
      base = this.config.oidcInternalUrl ?? this.issuer;
    }
    this.jwks = createRemoteJWKSet(new URL(`${base}/protocol/openid-connect/certs`), {
      cacheMaxAge: 10 * 60_000,
      cooldownDuration: 30_000,
    });
    return this.jwks;
  }

  /** Drops the cached keys: the next token refetches them (after our own issuer rotated). */
  forgetKeys(): void {
    this.jwks = null;
  }

  async verify(
    token: string,
    local: { address: string; port: number } | null,
  ): Promise<VerifiedToken> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keySet(local), {
        issuer: this.issuer,
        audience: API_AUDIENCE,
        algorithms: ALGORITHMS,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      const message =
        error instanceof errors.JWTExpired
          ? 'The access token has expired.'
          : error instanceof errors.JWTClaimValidationFailed
            ? `The access token's ${error.claim} is not accepted here.`
            : 'The access token is not valid.';
      throw new AppError('unauthorized', message);
    }
    const roles = (payload.realm_access as { roles?: unknown } | undefined)?.roles;
    return {
      issuer: this.issuer,
      subject: payload.sub!,
      username:
        typeof payload.preferred_username === 'string' ? payload.preferred_username : payload.sub!,
      name: typeof payload.name === 'string' ? payload.name : null,
      isInstanceAdmin: Array.isArray(roles) && roles.includes(INSTANCE_ADMIN_ROLE),
    };
  }
}
