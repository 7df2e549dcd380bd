import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { type ApiErrorBody, type ErrorCode } from '@technopolice/shared';
import { type Request, type Response } from 'express';
import { type Logger } from 'pino';
import { AppError } from './app-error.js';

/** The code of an HttpException raised by Nest or a library, from its status. */
const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'service_unavailable',
};

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

/** Maps anything thrown while serving a request to the body of the error answer. */
export function toErrorBody(
  error: unknown,
  req: Pick<Request, 'method' | 'originalUrl'>,
): ApiErrorBody {
  if (error instanceof AppError) {
    return {
      statusCode: error.statusCode,
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
    };
  }
  // Nest wraps Express's body-parser errors in an HttpException and keeps the original as cause.
  const parserError = ((error instanceof HttpException ? error.cause : undefined) ??
    error) as BodyParserError;
  if (parserError?.type === 'entity.parse.failed') {
    return {
      statusCode: 400,
      code: 'invalid_json',
      message: 'The request body is not valid JSON.',
    };
  }
  if (parserError?.type === 'entity.too.large') {
    return {
      statusCode: 413,
      code: 'payload_too_large',
      message: `The request body is larger than the limit of ${parserError.limit ?? 'this route'} bytes.`,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // Nest's router answers an unknown route with this exact exception.
    if (status === 404 && /^Cannot [A-Z]+ /.test(error.message)) {
      const path = req.originalUrl.split('?')[0];
      return {
        statusCode: 404,
        code: 'route_not_found',
        message: `No route ${req.method} ${path}.`,
      };
    }
    const code = CODE_OF_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');
    return { statusCode: status, code, message: error.message };
  }
  return { statusCode: 500, code: 'internal_error', message: 'Something went wrong on our side.' };
}

/** The one error filter: every error answer has the same shape. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const body = toErrorBody(error, req);
    if (body.statusCode >= 500) this.logger.error({ err: error }, 'request failed');
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(body.statusCode).json(body);
  }
}
