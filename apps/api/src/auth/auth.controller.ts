import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthConfig, authConfigSchema } from '@technopolice/shared';
import { openApiSchema } from '../common/openapi.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { SETTINGS_READER, type SettingsReader } from './settings-reader.js';
import { Public } from './public.decorator.js';
import { REALM, WEB_CLIENT_ID, issuerOf } from './realm.js';

/** What the web app needs to start keycloak-js, the same in both modes. */
@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SETTINGS_READER) private readonly settings: SettingsReader,
  ) {}

  @Public()
  @Get('config')
  @ApiOperation({ summary: 'Where to sign in: keycloak-js `url`, `realm` and `clientId`' })
  @ApiOkResponse({ schema: openApiSchema(authConfigSchema) })
  async authConfig(): Promise<AuthConfig> {
    const issuer = issuerOf(this.config);
    const [url, realm] = issuer.split('/realms/');
    return {
      url: url!,
      realm: realm ?? REALM,
      clientId: WEB_CLIENT_ID,
      registration: this.config.oidcIssuer
        ? 'none'
        : (await this.settings.registrationOpen())
          ? 'open'
          : 'invitation',
    };
  }
}
