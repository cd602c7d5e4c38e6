import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse, createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { Principal } from '@sportclub/auth';
import { CurrentPrincipal, MEMBER_OR_STAFF, Roles, STAFF } from '../../auth/auth.guard';
import { ApiErrors } from '../../shared/interface/http-contract';
import { ListCourtsHandler } from '../application/list-courts/list-courts.handler';
import { SaveCourtHandler } from '../application/save-court/save-court.handler';
import { courtIdSchema } from './court-id.schema';

const courtBody = z
  .object({
    name: z.string().min(1).max(100),
    priceCentavos: z.number().int().min(0).max(10_000_000).describe('session price in centavos'),
  })
  .strict();
class CourtBodyDto extends createZodDto(courtBody) {}
class CourtDto extends createZodDto(courtBody.extend({ courtId: z.string() })) {}
class CourtParamsDto extends createZodDto(z.object({ courtId: courtIdSchema })) {}

/** Courts and their session prices, kept by the club's staff; every query is scoped to the caller's club. */
@ApiTags('courts')
@ApiBearerAuth()
@ApiErrors(401, 403, 429)
@Controller('v1/courts')
export class CourtsHttpController {
  constructor(
    private readonly listCourts: ListCourtsHandler,
    private readonly saveCourt: SaveCourtHandler,
  ) {}

  @Get()
  @Roles(...MEMBER_OR_STAFF)
  @ZodResponse({ status: 200, type: [CourtDto], description: "the club's courts" })
  list(@CurrentPrincipal() p: Principal) {
    return this.listCourts.execute(p.tenantId);
  }

  @Put(':courtId')
  @Roles(...STAFF)
  @ZodResponse({ status: 200, type: CourtDto, description: 'the court as saved' })
  @ApiErrors(400)
  put(@CurrentPrincipal() p: Principal, @Param() { courtId }: CourtParamsDto, @Body() body: CourtBodyDto) {
    return this.saveCourt.execute(p.tenantId, { courtId, ...body });
  }
}
