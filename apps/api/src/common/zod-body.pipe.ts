import { type PipeTransform } from '@nestjs/common';
import { type z } from 'zod';
import { AppError } from './app-error.js';

/** Formats zod issues as `path: message` pairs. */
export function issuesOf(error: z.ZodError) {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}

/**
 * Parses a request body with a shared zod schema; a bad body answers 400 naming each field.
 * Use as `@Body(new ZodBody(createCaseSchema))`.
 */
export class ZodBody<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown): z.infer<T> {
    const parsed = this.schema.safeParse(value ?? {});
    if (parsed.success) return parsed.data;
    const details = issuesOf(parsed.error);
    throw new AppError(
      'validation_failed',
      details.map((d) => `${d.path}: ${d.message}`).join('; '),
      details,
    );
  }
}
