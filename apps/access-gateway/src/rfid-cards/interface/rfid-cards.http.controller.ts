import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ZodResponse, createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { Principal } from '@sportclub/auth';
import { CurrentPrincipal, Roles, STAFF } from '../../auth/auth.guard';
import { ApiErrors, memberIdSchema } from '../../shared/interface/http-contract';
import { AssignCardHandler } from '../application/assign-card/assign-card.handler';
import { ListCardsHandler } from '../application/list-cards/list-cards.handler';
import { RemoveCardHandler } from '../application/remove-card/remove-card.handler';

/** Card UIDs as readers send them (hexadecimal), kept upper-case so any reader's spelling matches. */
const cardIdSchema = z
  .string()
  .regex(/^[0-9A-Fa-f]{8,32}$/, 'a hexadecimal card UID (8–32 digits)')
  .transform((uid) => uid.toUpperCase());
class CardParamsDto extends createZodDto(z.object({ cardId: cardIdSchema })) {}
class CardBodyDto extends createZodDto(
  z.object({ memberId: memberIdSchema, active: z.boolean().default(true) }).strict(),
) {}
class ListQueryDto extends createZodDto(z.object({ memberId: memberIdSchema.optional() }).strict()) {}
class RfidCardDto extends createZodDto(
  z.object({
    cardId: z.string(),
    memberId: z.string(),
    active: z.boolean(),
    updatedAt: z.iso.datetime(),
  }),
) {}

/** The club's RFID cards, kept by staff and given only to the club's members; a scan opens the court. */
@ApiTags('rfid-cards')
@ApiBearerAuth()
@Roles(...STAFF)
@ApiErrors(401, 403, 429)
@Controller('v1/rfid-cards')
export class RfidCardsHttpController {
  constructor(
    private readonly listCards: ListCardsHandler,
    private readonly assignCard: AssignCardHandler,
    private readonly removeCard: RemoveCardHandler,
  ) {}

  @Get()
  @ZodResponse({
    status: 200,
    type: [RfidCardDto],
    description: "the club's cards (at most 1000), or one member's",
  })
  @ApiErrors(400)
  list(@CurrentPrincipal() p: Principal, @Query() q: ListQueryDto) {
    return this.listCards.execute(p.tenantId, q.memberId ?? null);
  }

  @Put(':cardId')
  @ZodResponse({ status: 200, type: RfidCardDto, description: 'the card as saved' })
  @ApiErrors(400, [404, 'the member is not of this club'])
  put(@CurrentPrincipal() p: Principal, @Param() { cardId }: CardParamsDto, @Body() body: CardBodyDto) {
    return this.assignCard.execute(p.tenantId, { cardId, ...body });
  }

  @Delete(':cardId')
  @HttpCode(204)
  @ApiResponse({ status: 204, description: 'removed; the card opens nothing any more' })
  @ApiErrors(400, [404, 'no such card in this club'])
  async remove(@CurrentPrincipal() p: Principal, @Param() { cardId }: CardParamsDto): Promise<void> {
    await this.removeCard.execute(p.tenantId, cardId);
  }
}
