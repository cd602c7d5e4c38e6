import { Body, Controller, Delete, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { Principal } from '@sportclub/auth';
import {
  VideoEraseMemberDataResultV1,
  VideoEraseMemberDataV1,
  VideoGetClipRetentionV1,
  VideoSetClipRetentionResultV1,
  VideoSetClipRetentionV1,
} from '@sportclub/contracts';
import { CommandClient } from '@sportclub/messaging';
import { ADMIN, CurrentPrincipal, MEMBER, Roles, STAFF } from '../../auth/auth.guard';
import { ApiErrors } from '../../shared/interface/http-contract';
import { forward } from './forward';

class RetentionDto extends createZodDto(
  z
    .object({
      clipDays: z.number().int().min(1).max(3650).describe('clips older than this are deleted, at Mux too'),
    })
    .strict(),
) {}

/** What video keeps: a club's clip retention (its admin), a member's erasure (the member, LGPD art. 18). */
@ApiTags('video')
@ApiBearerAuth()
@ApiErrors(401, 403, 429, 503)
@Controller('v1/video')
export class VideoPrivacyHttpController {
  constructor(private readonly commands: CommandClient) {}

  @Get('clip-retention')
  @Roles(...STAFF)
  @ApiResponse({
    status: 200,
    description: "`{clipDays}`: the club's own retention, else the platform's default",
  })
  async getRetention(@CurrentPrincipal() p: Principal) {
    const reply = await forward<VideoSetClipRetentionResultV1>(
      this.commands,
      VideoGetClipRetentionV1.envelope({
        source: 'access-gateway',
        tenantId: p.tenantId,
        subject: p.tenantId,
        data: {},
      }),
      'video',
    );
    return { clipDays: reply.data.days };
  }

  @Put('clip-retention')
  @Roles(...ADMIN)
  @ApiResponse({ status: 200, description: 'in force from the next retention pass (within a minute)' })
  @ApiErrors(400)
  async setRetention(@CurrentPrincipal() p: Principal, @Body() body: RetentionDto) {
    const reply = await forward<VideoSetClipRetentionResultV1>(
      this.commands,
      VideoSetClipRetentionV1.envelope({
        source: 'access-gateway',
        tenantId: p.tenantId,
        subject: p.tenantId,
        data: { days: body.clipDays, setBy: p.subject },
      }),
      'video',
    );
    return { clipDays: reply.data.days };
  }

  @Delete('my-data')
  @Roles(...MEMBER)
  @ApiResponse({
    status: 200,
    description:
      "erases the caller from video: clips only they were on the court for are deleted (at Mux within minutes), they leave others' clips, their ended sessions are forgotten",
    schema: VideoEraseMemberDataResultV1.schema as object,
  })
  async eraseMyData(@CurrentPrincipal() p: Principal) {
    const reply = await forward<VideoEraseMemberDataResultV1>(
      this.commands,
      VideoEraseMemberDataV1.envelope({
        source: 'access-gateway',
        tenantId: p.tenantId,
        subject: p.subject,
        data: { memberId: p.subject },
      }),
      'video',
      10_000,
    );
    return reply.data;
  }
}
