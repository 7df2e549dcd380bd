import { Module } from '@nestjs/common';
import { CitiesController } from './cities.controller.js';
import { Gazetteer } from './gazetteer.js';

/** French communes from the bundled gazetteer: lookups for cases, search for the city picker. */
@Module({
  controllers: [CitiesController],
  providers: [{ provide: Gazetteer, useFactory: () => new Gazetteer() }],
  exports: [Gazetteer],
})
export class GeoModule {}
