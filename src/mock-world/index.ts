export type { World, WorldCase, WorldChild, WorldHousehold, WorldPerson, WorldReferral, WorldReport } from './model.ts';
export { WORLD_AGENCIES, WORLD_AGENCY_CODES, WORLD_ORGANISATIONS } from './model.ts';
export { createWorld, DRENTHE_MUNICIPALITIES, GRONINGEN_MUNICIPALITIES, type WorldOptions } from './generate.ts';
export { isValidBsn } from '#domain/bsn.ts';
