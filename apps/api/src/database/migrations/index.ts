import { Initial1764320000000 } from './1764320000000-initial.js';
import { Identity1764330000000 } from './1764330000000-identity.js';
import { Cases1764340000000 } from './1764340000000-cases.js';
import { Documents1764350000000 } from './1764350000000-documents.js';
import { Discussions1764360000000 } from './1764360000000-discussions.js';
import { Search1764370000000 } from './1764370000000-search.js';
import { Publishing1764380000000 } from './1764380000000-publishing.js';
import { PublicSearch1764390000000 } from './1764390000000-public-search.js';

/** Every migration, in order. Append only: a merged migration is never edited. */
export const migrations = [
  Initial1764320000000,
  Identity1764330000000,
  Cases1764340000000,
  Documents1764350000000,
  Discussions1764360000000,
  Search1764370000000,
  Publishing1764380000000,
  PublicSearch1764390000000,
];
