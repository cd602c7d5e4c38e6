import { BadRequestException, Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiBearerAuth, ApiBody, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Principal } from '@sportclub/auth';
import { RateLimitGuard } from '../rate-limit/rate-limit.guard';
import { fieldProblems } from '@sportclub/service-kit';
import { AuthGuard, CurrentPrincipal, Roles } from '../auth/auth.guard';

const courtSchema = z
  .object({ name: z.string().min(1).max(100), priceCentavos: z.number().int().min(0).max(10_000_000) })
  .strict();
export const courtIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ (1–64)');

export interface Court {
  courtId: string;
  name: string;
  priceCentavos: number;
}

/** Courts and their session prices, kept by the club's staff; every query is scoped to the caller's club. */
@ApiTags('courts')
@ApiBearerAuth()
@Controller('v1/courts')
@UseGuards(AuthGuard, RateLimitGuard)
export class CourtsHttpController {
  constructor(private readonly db: DataSource) {}

  @Get()
  list(@CurrentPrincipal() p: Principal): Promise<Court[]> {
    return this.db.query(
      `SELECT court_id AS "courtId", name, price_centavos AS "priceCentavos" FROM court WHERE tenant_id = $1 ORDER BY court_id`,
      [p.tenantId],
    );
  }

  @Put(':courtId')
  @Roles('staff', 'admin')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['name', 'priceCentavos'],
      properties: { name: { type: 'string' }, priceCentavos: { type: 'integer', minimum: 0 } },
    },
  })
  @ApiResponse({ status: 403, description: 'staff or admin only' })
  async put(
    @CurrentPrincipal() p: Principal,
    @Param('courtId') courtId: string,
    @Body() body: unknown,
  ): Promise<Court> {
    const id = courtIdSchema.safeParse(courtId);
    const parsed = courtSchema.safeParse(body ?? {});
    if (!id.success || !parsed.success) {
      const problems = [
        ...(id.success ? [] : [{ field: 'courtId', reason: id.error.issues[0].message }]),
        ...(parsed.success ? [] : fieldProblems(parsed.error)),
      ];
      throw new BadRequestException({ error: 'invalid_court', problems });
    }
    await this.db.query(
      `INSERT INTO court (tenant_id, court_id, name, price_centavos) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, court_id) DO UPDATE SET name = $3, price_centavos = $4, updated_at = now()`,
      [p.tenantId, courtId, parsed.data.name, parsed.data.priceCentavos],
    );
    return { courtId, ...parsed.data };
  }
}
