import { type GroupRole } from '@technopolice/shared';

/** Who may delete a document: its uploader, and the group's admins and coordinators. */
export const canDeleteDocument = (role: GroupRole, isUploader: boolean) =>
  isUploader || role === 'admin' || role === 'coordinator';
