import { type ApiResponseSchemaHost } from '@nestjs/swagger';
import { z } from 'zod';

type SchemaObject = ApiResponseSchemaHost['schema'];

/** The OpenAPI schema of a shared zod schema, so the docs describe what the code checks. */
export function openApiSchema(schema: z.ZodType): SchemaObject {
  const json: Record<string, unknown> = { ...z.toJSONSchema(schema, { target: 'openapi-3.0' }) };
  delete json.$schema;
  return json;
}
