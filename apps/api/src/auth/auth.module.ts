import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { type AppConfig } from '../config/config.js';
import { IdentityModule } from '../identity/identity.module.js';
import { IssuerService } from '../identity/issuer.service.js';
import { UsersModule } from '../users/users.module.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { BearerAuthenticator } from './bearer-authenticator.js';
import { isBuiltInIssuer } from './realm.js';
import { SETTINGS_READER } from './settings-reader.js';
import { TokenModule } from './token.module.js';

/** Sign-in: the global guard, token verification, and the built-in issuer when there is no Keycloak. */
@Module({})
export class AuthModule {
  static forRoot(config: AppConfig): DynamicModule {
    const builtIn = isBuiltInIssuer(config);
    return {
      module: AuthModule,
      // The authenticator serves feature modules too (the resumable upload endpoint).
      global: true,
      imports: [TokenModule, UsersModule, ...(builtIn ? [IdentityModule] : [])],
      controllers: [AuthController],
      providers: [
        BearerAuthenticator,
        { provide: APP_GUARD, useClass: AuthGuard },
        // The built-in issuer decides who may register; with Keycloak, nobody registers here.
        builtIn
          ? { provide: SETTINGS_READER, useExisting: IssuerService }
          : {
              provide: SETTINGS_READER,
              useValue: { registrationOpen: () => Promise.resolve(false) },
            },
      ],
      exports: [TokenModule, BearerAuthenticator],
    };
  }
}
