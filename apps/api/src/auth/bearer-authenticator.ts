import { Injectable } from '@nestjs/common';
import { type IncomingMessage } from 'node:http';
import { AppError } from '../common/app-error.js';
import { UsersService } from '../users/users.service.js';
import { type Actor } from './actor.js';
import { TokenVerifier } from './token-verifier.js';

/**
 * Who a request comes from, by its bearer token: the guard of every route and the resumable
 * upload endpoint (which lives outside Nest's router) ask the same question the same way.
 */
@Injectable()
export class BearerAuthenticator {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly users: UsersService,
  ) {}

  async authenticate(req: IncomingMessage): Promise<Actor> {
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
    return this.users.resolve(token);
  }
}
