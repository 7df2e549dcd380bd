import { type GroupRole } from '@technopolice/shared';

/**
 * Who may do what with cases, as small pure functions. Every member investigates: they create
 * and edit cases, tasks and timelines. Not being a member is decided before (404).
 */

/** Delete a case for good (its documents and discussions with it). */
export const canDeleteCase = (role: GroupRole) => role === 'admin' || role === 'coordinator';

/** Import cases in bulk from a spreadsheet. */
export const canImportCases = (role: GroupRole) => role === 'admin' || role === 'coordinator';
