import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type Language } from '@technopolice/shared';
import { type Request } from 'express';

/** Who is acting: the signed-in user, as the guard resolved them from the token. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  language: Language;
  isInstanceAdmin: boolean;
}

export type RequestWithActor = Request & { actor?: Actor };

/** The acting user of a signed-in route (`@CurrentActor() actor: Actor`). */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});
