import { Module } from '@nestjs/common';
import { TokenModule } from '../auth/token.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { DiscussionsModule } from '../discussions/discussions.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { UsersModule } from '../users/users.module.js';
import { CollabServer } from './collab.server.js';
import { SummariesController } from './summaries.controller.js';
import { SummariesService } from './summaries.service.js';

@Module({
  imports: [TokenModule, CasesModule, DiscussionsModule, NotificationsModule, UsersModule],
  controllers: [SummariesController],
  providers: [SummariesService, CollabServer],
  exports: [SummariesService, CollabServer],
})
export class SummariesModule {}
