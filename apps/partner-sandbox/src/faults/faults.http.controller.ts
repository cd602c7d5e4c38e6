import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { z } from 'zod';
import { FaultsService } from './faults.service';

const VENDORS = ['access-vendor', 'stripe', 'mercadopago', 'pagseguro'] as const;
const faultSchema = z
  .object({
    down: z.boolean(),
    errorRate: z.number().min(0).max(1),
    latencyMs: z.number().int().min(0).max(60_000),
  })
  .partial()
  .strict();

/** Switches simulated vendor faults on and off (for tests, demos and chaos drills). */
@Controller('__admin/faults')
export class FaultsHttpController {
  constructor(private readonly faults: FaultsService) {}

  @Get(':vendor')
  get(@Param('vendor') vendor: string) {
    return this.faults.get(knownVendor(vendor));
  }

  @Put(':vendor')
  set(@Param('vendor') vendor: string, @Body() body: unknown) {
    const parsed = faultSchema.safeParse(body ?? {});
    if (!parsed.success) {
      throw new BadRequestException({
        error: 'invalid_fault',
        problems: parsed.error.issues.map((i) => ({
          field: i.path.join('.') || '(body)',
          reason: i.message,
        })),
      });
    }
    return this.faults.set(knownVendor(vendor), parsed.data);
  }

  @Delete()
  @HttpCode(204)
  clear(): void {
    this.faults.clear();
  }
}

function knownVendor(vendor: string): string {
  if (!(VENDORS as readonly string[]).includes(vendor)) {
    throw new BadRequestException({
      error: 'unknown_vendor',
      field: 'vendor',
      reason: `one of ${VENDORS.join(', ')}`,
    });
  }
  return vendor;
}
