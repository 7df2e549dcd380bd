import { Module } from '@nestjs/common';
import { TokenVerifier } from './token-verifier.js';

/** Token verification, shared by the guard, the socket handshake and the built-in issuer. */
@Module({ providers: [TokenVerifier], exports: [TokenVerifier] })
export class TokenModule {}
