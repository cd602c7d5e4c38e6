import { constants, generateKeyPair, privateDecrypt } from 'node:crypto';
import { promisify } from 'node:util';
import {
  BadRequestException,
  Body,
  Controller,
  Get,
  NotFoundException,
  Param,
  Put,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Principal } from '@sportclub/auth';
import {
  IotBridgeListDevicesV1,
  IotBridgeRegisterDeviceV1,
  type Envelope,
  type IotBridgeListDevicesResultV1,
  type IotBridgeRegisterDeviceResultV1,
} from '@sportclub/contracts';
import { CommandClient } from '@sportclub/messaging';
import { forward } from '../forward';
import { fieldProblems } from '@sportclub/service-kit';
import { AuthGuard, CurrentPrincipal, Roles } from '../auth/auth.guard';
import { courtIdSchema } from '../courts/courts.http.controller';
import { RateLimitGuard } from '../rate-limit/rate-limit.guard';

const keyPair = promisify(generateKeyPair);
const KINDS = ['rfid-reader', 'court-panel', 'tablet'] as const;
const deviceIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ (1–64)');
const deviceSchema = z
  .object({
    kind: z.enum(KINDS),
    /** The court a reader opens or a panel serves. */
    courtId: courtIdSchema.optional(),
    enabled: z.boolean().optional(),
    rotateCredentials: z.boolean().optional(),
  })
  .strict()
  .refine((d) => d.kind === 'tablet' || d.courtId, {
    path: ['courtId'],
    message: 'required for an rfid-reader or a court-panel',
  });

type Device = IotBridgeListDevicesResultV1['devices'][number];
export type RegisteredDevice = Device & { credentials?: { username: string; password: string } };

/**
 * The club's devices, kept in iot-bridge's registry and asked over RabbitMQ request/reply. A device's
 * broker password is shown once, when it is created or rotated: iot-bridge seals it with a key made for
 * this request, so it exists in clear only in iot-bridge's memory, here, and in the answer.
 */
@ApiTags('devices')
@ApiBearerAuth()
@Controller('v1/devices')
@UseGuards(AuthGuard, RateLimitGuard)
@Roles('staff', 'admin')
@ApiResponse({ status: 403, description: 'staff or admin only' })
@ApiResponse({ status: 503, description: 'iot-bridge did not answer in time' })
export class DevicesHttpController {
  constructor(
    private readonly commands: CommandClient,
    private readonly db: DataSource,
  ) {}

  @Get()
  @ApiQuery({ name: 'kind', required: false, enum: KINDS })
  async list(@CurrentPrincipal() p: Principal, @Query('kind') kind?: string): Promise<Device[]> {
    const parsed = z.enum(KINDS).optional().safeParse(kind);
    if (!parsed.success) {
      throw new BadRequestException({
        error: 'invalid_query',
        problems: fieldProblems(parsed.error, 'kind'),
      });
    }
    const reply = await this.ask<IotBridgeListDevicesResultV1>(
      IotBridgeListDevicesV1.envelope({
        source: 'access-gateway',
        tenantId: p.tenantId,
        subject: p.tenantId,
        data: parsed.data ? { kind: parsed.data } : {},
      }),
    );
    return reply.data.devices;
  }

  @Put(':deviceId')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind'],
      properties: {
        kind: { enum: [...KINDS] },
        courtId: { type: 'string', description: 'required for rfid-reader and court-panel' },
        enabled: { type: 'boolean', default: true },
        rotateCredentials: { type: 'boolean', description: 'issue a new broker password' },
      },
    },
  })
  @ApiResponse({ status: 201, description: 'created; `credentials` holds its broker login, shown only now' })
  @ApiResponse({ status: 200, description: 'updated; `credentials` only when rotated' })
  @ApiResponse({ status: 400, description: 'invalid id or body (problems[] name the fields)' })
  @ApiResponse({ status: 404, description: 'the court, or the device id, is not of this club' })
  async put(
    @CurrentPrincipal() p: Principal,
    @Param('deviceId') deviceId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: { status(code: number): unknown },
  ): Promise<RegisteredDevice> {
    const id = deviceIdSchema.safeParse(deviceId);
    const parsed = deviceSchema.safeParse(body ?? {});
    if (!id.success || !parsed.success) {
      const problems = [
        ...(id.success ? [] : fieldProblems(id.error, 'deviceId')),
        ...(parsed.success ? [] : fieldProblems(parsed.error)),
      ];
      throw new BadRequestException({ error: 'invalid_device', problems });
    }
    const { courtId } = parsed.data;
    if (courtId) {
      const [court] = await this.db.query(`SELECT 1 FROM court WHERE tenant_id = $1 AND court_id = $2`, [
        p.tenantId,
        courtId,
      ]);
      if (!court) throw new NotFoundException({ error: 'court_not_found', field: 'courtId' });
    }
    const { publicKey, privateKey } = await keyPair('rsa', { modulusLength: 2048 });
    const { data } = await this.ask<IotBridgeRegisterDeviceResultV1>(
      IotBridgeRegisterDeviceV1.envelope({
        source: 'access-gateway',
        tenantId: p.tenantId,
        subject: deviceId,
        data: {
          deviceId,
          ...parsed.data,
          credentialsKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        },
      }),
    );
    if (data.outcome === 'not-found' || !data.device) {
      if (data.outcome === 'invalid') {
        const [field, ...reason] = (data.reason ?? 'body: invalid').split(': ');
        throw new BadRequestException({
          error: 'invalid_device',
          problems: [{ field, reason: reason.join(': ') }],
        });
      }
      throw new NotFoundException({ error: 'device_not_found', field: 'deviceId' });
    }
    res.status(data.outcome === 'created' ? 201 : 200);
    const sealed = data.credentials?.sealedPassword;
    if (!sealed) return data.device;
    const password = privateDecrypt(
      { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      Buffer.from(sealed, 'base64'),
    ).toString();
    return { ...data.device, credentials: { username: data.credentials!.username, password } };
  }

  private ask<R>(command: Envelope): Promise<Envelope<R>> {
    return forward<R>(this.commands, command, 'iot-bridge');
  }
}
