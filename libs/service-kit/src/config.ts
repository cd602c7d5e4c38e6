import { z } from 'zod';

/**
 * Configuration comes from the environment and is validated once at boot: a missing or malformed
 * variable stops the process with the variable's name and the reason, before anything connects.
 */
export const httpConfigSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65_535),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
});

/** An optional variable where set-but-empty (`VAR=` in compose or an env file) counts as unset. */
export const optionalVariable = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const commaList = z
  .string()
  .min(1)
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

/** What every platform service needs: its own database and both brokers. */
export const serviceConfigSchema = httpConfigSchema.extend({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  DB_MIGRATE_ON_BOOT: z.stringbool().default(true),
  KAFKA_BROKERS: commaList,
  RABBITMQ_URL: z.url({ protocol: /^amqps?$/ }),
});

export type HttpConfig = z.infer<typeof httpConfigSchema>;
export type ServiceConfig = z.infer<typeof serviceConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; reason: string }[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.reason}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig<T>(schema: z.ZodType<T>, env: NodeJS.ProcessEnv = process.env): T {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => ({
      variable: issue.path.join('.') || '(environment)',
      reason: env[String(issue.path[0])] === undefined ? 'is required but not set' : issue.message,
    })),
  );
}

/** The variables a schema cannot do without (no default, not optional): what a deployment must set. */
export function requiredVariables(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success)
    .map(([name]) => name);
}
