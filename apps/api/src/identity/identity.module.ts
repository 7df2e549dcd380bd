import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { TokenModule } from '../auth/token.module.js';
import { GroupsModule } from '../groups/groups.module.js';
import { AccountsService } from './accounts.service.js';
import { AdminUsersController } from './admin-users.controller.js';
import { IssuerService } from './issuer.service.js';
import { SettingsService } from './settings.service.js';
import { SigningKeysService } from './signing-keys.service.js';

/** The built-in issuer and its accounts: embedded mode only (no `OIDC_ISSUER`). */
@Module({
  imports: [AuditModule, GroupsModule, TokenModule],
  controllers: [AdminUsersController],
  providers: [AccountsService, IssuerService, SettingsService, SigningKeysService],
  exports: [IssuerService],
})
export class IdentityModule {}
