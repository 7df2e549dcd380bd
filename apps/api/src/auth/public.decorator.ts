import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'technopolice:public';

/** Opts a route out of the global sign-in requirement: every other route needs a valid token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
