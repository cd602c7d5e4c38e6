import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ZodResponse, ZodSerializerDto, createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { Principal } from '@sportclub/auth';
import { AllowSuspended, CurrentPrincipal, MEMBER, Roles, STAFF } from '../../auth/auth.guard';
import { ApiErrors, memberIdSchema } from '../../shared/interface/http-contract';
import { MEMBER_STATUSES } from '../domain/member';
import { GetMemberHandler } from '../application/get-member/get-member.handler';
import { ImportMembersHandler } from '../application/import-members/import-members.handler';
import { ListMembersHandler } from '../application/list-members/list-members.handler';
import { SetMemberStatusHandler } from '../application/set-member-status/set-member-status.handler';

const memberSchema = z.object({
  memberId: z.string(),
  status: z.enum(MEMBER_STATUSES),
  name: z.string().nullable(),
  email: z.string().nullable(),
  statusReason: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
class MemberDto extends createZodDto(memberSchema) {}

const profileSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    email: z.email().max(254).optional(),
  })
  .strict();
class ProfileDto extends createZodDto(profileSchema) {}
class ImportDto extends createZodDto(
  z
    .object({
      members: z
        .array(profileSchema.extend({ memberId: memberIdSchema }))
        .min(1)
        .max(500)
        .superRefine((members, ctx) => {
          const seen = new Set<string>();
          members.forEach((m, i) => {
            if (seen.has(m.memberId)) {
              ctx.addIssue({ code: 'custom', path: [i, 'memberId'], message: 'listed twice in this import' });
            }
            seen.add(m.memberId);
          });
        }),
    })
    .strict(),
) {}
class ImportResultDto extends createZodDto(
  z.object({ created: z.array(z.string()), updated: z.array(z.string()) }),
) {}
class StatusDto extends createZodDto(
  z
    .object({ status: z.enum(MEMBER_STATUSES), reason: z.string().trim().min(1).max(500).optional() })
    .strict()
    .refine((s) => s.status === 'active' || s.reason, {
      path: ['reason'],
      message: 'say why the member is suspended',
    }),
) {}
class MemberParamsDto extends createZodDto(z.object({ memberId: memberIdSchema })) {}
class ListQueryDto extends createZodDto(
  z
    .object({
      status: z.enum(MEMBER_STATUSES).optional(),
      after: memberIdSchema.optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    })
    .strict(),
) {}

/**
 * The club's members directory. A club's Keycloak user becomes a member on their first call; staff
 * invite or import members ahead of that (by their Keycloak id) and suspend or reinstate them. Staff see
 * only their own club's members: another club's member id answers 404.
 */
@ApiTags('members')
@ApiBearerAuth()
@ApiErrors(401, 403, 429)
@Controller('v1/members')
export class MembersHttpController {
  constructor(
    private readonly get: GetMemberHandler,
    private readonly list: ListMembersHandler,
    private readonly importMembers: ImportMembersHandler,
    private readonly setStatus: SetMemberStatusHandler,
  ) {}

  @Get('me')
  @Roles(...MEMBER)
  @AllowSuspended()
  @ZodResponse({
    status: 200,
    type: MemberDto,
    description: "the caller's own membership (a suspended member sees why)",
  })
  me(@CurrentPrincipal() p: Principal) {
    return this.get.execute(p.tenantId, p.subject);
  }

  @Get()
  @Roles(...STAFF)
  @ZodResponse({
    status: 200,
    type: [MemberDto],
    description: 'a page of members in id order; pass the last id as `after`',
  })
  @ApiErrors(400)
  all(@CurrentPrincipal() p: Principal, @Query() q: ListQueryDto) {
    return this.list.execute(p.tenantId, q);
  }

  @Get(':memberId')
  @Roles(...STAFF)
  @ZodResponse({ status: 200, type: MemberDto })
  @ApiErrors(400, 404)
  one(@CurrentPrincipal() p: Principal, @Param() { memberId }: MemberParamsDto) {
    return this.get.execute(p.tenantId, memberId);
  }

  /** Invites one member (201), or updates a known member's profile (200). */
  @Put(':memberId')
  @Roles(...STAFF)
  @ZodSerializerDto(MemberDto)
  @ApiResponse({ status: 201, type: MemberDto, description: 'invited' })
  @ApiResponse({ status: 200, type: MemberDto, description: 'known already: profile updated, status kept' })
  @ApiErrors(400)
  async invite(
    @CurrentPrincipal() p: Principal,
    @Param() { memberId }: MemberParamsDto,
    @Body() profile: ProfileDto,
    @Res({ passthrough: true }) res: { status(code: number): unknown },
  ) {
    const { created } = await this.importMembers.execute(p.tenantId, [{ memberId, ...profile }]);
    res.status(created.length > 0 ? 201 : 200);
    return this.get.execute(p.tenantId, memberId);
  }

  @Post('import')
  @HttpCode(200)
  @Roles(...STAFF)
  @ZodResponse({
    status: 200,
    type: ImportResultDto,
    description: 'which member ids were new and which were known',
  })
  @ApiErrors(400)
  import(@CurrentPrincipal() p: Principal, @Body() body: ImportDto) {
    return this.importMembers.execute(p.tenantId, body.members);
  }

  @Put(':memberId/status')
  @Roles(...STAFF)
  @ZodResponse({
    status: 200,
    type: MemberDto,
    description: 'suspended members are refused at the app and at the door',
  })
  @ApiErrors(400, 404)
  status(@CurrentPrincipal() p: Principal, @Param() { memberId }: MemberParamsDto, @Body() body: StatusDto) {
    return this.setStatus.execute(p.tenantId, memberId, body.status, body.reason ?? null);
  }
}
