import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type RequestWithActor } from './actor.js';
import { IS_PUBLIC } from './public.decorator.js';
import { BearerAuthenticator } from './bearer-authenticator.js';

/**
 * Denies by default: a route answers only to a valid bearer token unless marked `@Public()`.
 * The token's user is resolved (created on first sight) and attached as the request's actor.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: BearerAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
        context.getHandler(),
        context.getClass(),
      ])
    ) {
      return true;
    }
    if (context.getType() === 'ws') {
      // Sockets prove who they are once, at the handshake (RealtimeGateway); messages carry no token.
      const client = context.switchToWs().getClient<{ data?: { actor?: unknown } }>();
      return client.data?.actor !== undefined;
    }
    const req = context.switchToHttp().getRequest<RequestWithActor>();
    req.actor = await this.authenticator.authenticate(req);
    return true;
  }
}
