import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { GeoModule } from '../geo/geo.module.js';
import { GroupsModule } from '../groups/groups.module.js';
import { CaseNotices } from './case-notices.js';
import { CaseTransferController } from './case-transfer.controller.js';
import { CaseTransferService } from './case-transfer.service.js';
import { CasesController } from './cases.controller.js';
import { CasesGateway } from './cases.gateway.js';
import { CasesRepository } from './cases.repository.js';
import { CasesService } from './cases.service.js';

@Module({
  imports: [AuditModule, GroupsModule, GeoModule],
  controllers: [CaseTransferController, CasesController],
  providers: [CaseNotices, CasesRepository, CasesService, CaseTransferService, CasesGateway],
  exports: [CasesService, CaseNotices, CasesRepository],
})
export class CasesModule {}
