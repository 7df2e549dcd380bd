import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CasesModule } from './cases/cases.module.js';
import { type AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { type DataSourceParts } from './database/data-source.js';
import { DatabaseModule } from './database/database.module.js';
import { DiscussionsModule } from './discussions/discussions.module.js';
import { DocumentsModule } from './documents/documents.module.js';
import { GeoModule } from './geo/geo.module.js';
import { GroupsModule } from './groups/groups.module.js';
import { HealthModule } from './health/health.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { PublicModule } from './public/public.module.js';
import { PublishingModule } from './publishing/publishing.module.js';
import { RealtimeModule } from './realtime/realtime.module.js';
import { SearchModule } from './search/search.module.js';
import { SummariesModule } from './summaries/summaries.module.js';
import { TaxonomyModule } from './taxonomy/taxonomy.module.js';

export interface AppModuleExtras {
  /** Extra modules, for tests that exercise infrastructure through a route of their own. */
  imports?: ModuleMetadata['imports'];
  database?: DataSourceParts;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, extras: AppModuleExtras = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(config.database, extras.database),
        AuthModule.forRoot(config),
        AuditModule,
        CasesModule,
        DiscussionsModule,
        DocumentsModule,
        GeoModule,
        GroupsModule,
        HealthModule,
        NotificationsModule,
        PublicModule,
        PublishingModule,
        RealtimeModule,
        SearchModule,
        SummariesModule,
        TaxonomyModule,
        ...(extras.imports ?? []),
      ],
    };
  }
}
