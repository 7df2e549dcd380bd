import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { GroupsModule } from '../groups/groups.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { DiscussionsController } from './discussions.controller.js';
import { DiscussionsGateway } from './discussions.gateway.js';
import { DiscussionsRepository } from './discussions.repository.js';
import { DiscussionsService } from './discussions.service.js';
import { RichTextService } from './rich-text.js';

@Module({
  imports: [AuditModule, CasesModule, GroupsModule, NotificationsModule],
  controllers: [DiscussionsController],
  providers: [DiscussionsRepository, DiscussionsService, DiscussionsGateway, RichTextService],
  exports: [DiscussionsService, RichTextService],
})
export class DiscussionsModule {}
