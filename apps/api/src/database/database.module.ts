import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { type AppConfig } from '../config/config.js';
import { type DataSourceParts, migrate, openDataSource } from './data-source.js';

/**
 * The one data source, PGlite or PostgreSQL as the configuration says, migrated before the app
 * serves anything. Features register their entities with `TypeOrmModule.forFeature`.
 */
@Module({})
export class DatabaseModule {
  static forRoot(database: AppConfig['database'], parts: DataSourceParts = {}): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ type: 'postgres', autoLoadEntities: true, retryAttempts: 0 }),
          dataSourceFactory: async (options) => {
            const dataSource = await openDataSource(database, {
              ...parts,
              entities: [
                ...((options?.entities as DataSourceParts['entities']) ?? []),
                ...(parts.entities ?? []),
              ],
            });
            try {
              await migrate(dataSource);
            } catch (error) {
              await dataSource.destroy();
              throw error;
            }
            return dataSource;
          },
        }),
      ],
    };
  }
}
