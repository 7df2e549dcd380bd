import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '../common/app-error.js';
import { UsersService } from '../users/users.service.js';
import { type RequestWithActor } from './actor.js';
import { IS_PUBLIC } from './public.decorator.js';
import { TokenVerifier } from './token-verifier.js';

/**
 * Denies by default: a route answers only to a valid bearer token unless marked `@Public()`.
 * The token's user is resolved (created on first sight) and attached as the request's actor.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly users: UsersService,
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
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1])
      throw new AppError('unauthorized', 'Sign in first: this route needs a bearer token.');
    const socket = req.socket;
    const local =
      socket.localAddress && socket.localPort
        ? { address: socket.localAddress, port: socket.localPort }
        : null;
    const token = await this.verifier.verify(match[1], local);
    req.actor = await this.users.resolve(token);
    return true;
  }
}
