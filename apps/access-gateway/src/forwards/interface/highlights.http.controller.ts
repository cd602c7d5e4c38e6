import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { Principal } from '@sportclub/auth';
import {
  VideoGetHighlightResultV1,
  VideoGetHighlightV1,
  VideoListHighlightsResultV1,
  VideoListHighlightsV1,
} from '@sportclub/contracts';
import { CommandClient } from '@sportclub/messaging';
import { CurrentPrincipal, MEMBER_OR_STAFF, Roles, isStaff } from '../../auth/auth.guard';
import { courtIdSchema } from '../../courts/interface/court-id.schema';
import { GetMemberHandler } from '../../members/application/get-member/get-member.handler';
import { ApiErrors, memberIdSchema } from '../../shared/interface/http-contract';
import { forward } from './forward';
import { memberAsked } from './member-asked';

class ListQueryDto extends createZodDto(
  z
    .object({
      memberId: memberIdSchema.optional().describe("staff only: one member's highlights"),
      courtId: courtIdSchema.optional(),
      limit: z.coerce.number().int().min(1).max(100).default(50),
    })
    .strict(),
) {}
class HighlightParamsDto extends createZodDto(z.object({ highlightId: z.uuid() })) {}

const highlightSchema = (VideoGetHighlightResultV1.schema.properties as Record<string, object>).highlight;

/**
 * Court highlights (the button's clips), answered by video. A member sees those of courts they were on
 * when the button was pressed, staff the club's; anyone else's — another member's, another club's — is
 * 404. Playback is private: asking for one ready highlight answers an HLS URL whose signed token
 * expires (video's PLAYBACK_TTL_SECONDS); the list carries none.
 */
@ApiTags('video')
@ApiBearerAuth()
@ApiErrors(401, 403, 429, 503)
@Controller('v1/highlights')
export class HighlightsHttpController {
  constructor(
    private readonly commands: CommandClient,
    private readonly members: GetMemberHandler,
  ) {}

  @Get()
  @Roles(...MEMBER_OR_STAFF)
  @ApiResponse({
    status: 200,
    description: 'newest first',
    schema: { type: 'array', items: highlightSchema },
  })
  @ApiErrors(400, [404, 'staff: no such member in the club'])
  async list(@CurrentPrincipal() p: Principal, @Query() q: ListQueryDto) {
    const memberId =
      q.memberId !== undefined || !isStaff(p)
        ? await memberAsked(this.members, p, q.memberId, 'a member sees only their own highlights')
        : undefined;
    const reply = await forward<VideoListHighlightsResultV1>(
      this.commands,
      VideoListHighlightsV1.envelope({
        ...this.from(p),
        data: {
          viewer: this.viewer(p),
          limit: q.limit,
          ...(memberId && { memberId }),
          ...(q.courtId && { courtId: q.courtId }),
        },
      }),
      'video',
    );
    return reply.data.highlights;
  }

  @Get(':highlightId')
  @Roles(...MEMBER_OR_STAFF)
  @ApiResponse({ status: 200, description: 'with `playback` once ready', schema: highlightSchema })
  @ApiErrors(400, [404, 'no such highlight, or not one the caller was on the court for'])
  async one(@CurrentPrincipal() p: Principal, @Param() { highlightId }: HighlightParamsDto) {
    const reply = await forward<VideoGetHighlightResultV1>(
      this.commands,
      VideoGetHighlightV1.envelope({ ...this.from(p), data: { highlightId, viewer: this.viewer(p) } }),
      'video',
      // The club's first playback makes its signing key at the vendor.
      15_000,
    );
    if (reply.data.outcome !== 'found' || !reply.data.highlight) {
      throw new NotFoundException({
        error: 'highlight_not_found',
        field: 'highlightId',
        reason: 'no such highlight here',
      });
    }
    return reply.data.highlight;
  }

  private viewer(p: Principal) {
    return { subject: p.subject, staff: isStaff(p) };
  }

  private from(p: Principal) {
    return { source: 'access-gateway', tenantId: p.tenantId, subject: p.tenantId };
  }
}
