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
} from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { Principal } from '@sportclub/auth';
import {
  DEVICE_KIND_V2,
  IotBridgeListDevicesResultV2,
  IotBridgeListDevicesV2,
  IotBridgeRegisterDeviceV2,
  type Envelope,
  type IotBridgeRegisterDeviceResultV2,
} from '@sportclub/contracts';
import { CommandClient } from '@sportclub/messaging';
import { CurrentPrincipal, Roles, STAFF } from '../../auth/auth.guard';
import { GetCourtHandler } from '../../courts/application/get-court/get-court.handler';
import { courtIdSchema } from '../../courts/interface/court-id.schema';
import { ApiErrors } from '../../shared/interface/http-contract';
import { forward } from './forward';

const keyPair = promisify(generateKeyPair);
const kind = z.enum(DEVICE_KIND_V2.enum);
class DeviceParamsDto extends createZodDto(
  z.object({ deviceId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ (1–64)') }),
) {}
class DeviceBodyDto extends createZodDto(
  z
    .object({
      kind,
      courtId: courtIdSchema
        .optional()
        .describe('the court a reader opens, a panel serves or a camera films'),
      enabled: z.boolean().optional(),
      rotateCredentials: z.boolean().optional().describe('issue a new broker password'),
    })
    .strict()
    .refine((d) => d.kind === 'tablet' || d.courtId, {
      path: ['courtId'],
      message: 'required for an rfid-reader, a court-panel or a camera',
    }),
) {}
class ListQueryDto extends createZodDto(z.object({ kind: kind.optional() }).strict()) {}
const deviceDoc = (IotBridgeListDevicesResultV2.schema.properties as { devices: { items: object } }).devices;

type Device = IotBridgeListDevicesResultV2['devices'][number];
type RegisteredDevice = Device & { credentials?: { username: string; password: string } };

/**
 * The club's devices, kept in iot-bridge's registry and asked over RabbitMQ request/reply. A device's
 * broker password is shown once, when it is created or rotated: iot-bridge seals it with a key made for
 * this request, so it exists in clear only in iot-bridge's memory, here, and in the answer.
 */
@ApiTags('devices')
@ApiBearerAuth()
@Roles(...STAFF)
@ApiErrors(401, 403, 429, 503)
@Controller('v1/devices')
export class DevicesHttpController {
  constructor(
    private readonly commands: CommandClient,
    private readonly courts: GetCourtHandler,
  ) {}

  @Get()
  @ApiResponse({ status: 200, description: "the club's devices", schema: deviceDoc })
  @ApiErrors(400)
  async list(@CurrentPrincipal() p: Principal, @Query() q: ListQueryDto): Promise<Device[]> {
    const reply = await this.ask<IotBridgeListDevicesResultV2>(
      IotBridgeListDevicesV2.envelope({
        source: 'access-gateway',
        tenantId: p.tenantId,
        subject: p.tenantId,
        data: q.kind ? { kind: q.kind } : {},
      }),
    );
    return reply.data.devices;
  }

  @Put(':deviceId')
  @ApiResponse({
    status: 201,
    description: 'created; `credentials` holds its broker login, shown only now',
    schema: deviceDoc.items,
  })
  @ApiResponse({
    status: 200,
    description: 'updated; `credentials` only when rotated',
    schema: deviceDoc.items,
  })
  @ApiErrors(400, [404, 'the court, or the device id, is not of this club'])
  async put(
    @CurrentPrincipal() p: Principal,
    @Param() { deviceId }: DeviceParamsDto,
    @Body() body: DeviceBodyDto,
    @Res({ passthrough: true }) res: { status(code: number): unknown },
  ): Promise<RegisteredDevice> {
    if (body.courtId) await this.courts.execute(p.tenantId, body.courtId);
    const { publicKey, privateKey } = await keyPair('rsa', { modulusLength: 2048 });
    const { data } = await this.ask<IotBridgeRegisterDeviceResultV2>(
      IotBridgeRegisterDeviceV2.envelope({
        source: 'access-gateway',
        tenantId: p.tenantId,
        subject: deviceId,
        data: {
          deviceId,
          ...body,
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
