import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { GroupsController } from './groups.controller.js';
import { GroupsRepository } from './groups.repository.js';
import { GroupsService } from './groups.service.js';
import { InvitationsController } from './invitations.controller.js';
import { InvitationsService } from './invitations.service.js';
import { MembershipNotices } from './membership-notices.js';

@Module({
  imports: [AuditModule],
  controllers: [GroupsController, InvitationsController],
  providers: [GroupsRepository, GroupsService, InvitationsService, MembershipNotices],
  exports: [GroupsRepository, GroupsService, InvitationsService, MembershipNotices],
})
export class GroupsModule {}
