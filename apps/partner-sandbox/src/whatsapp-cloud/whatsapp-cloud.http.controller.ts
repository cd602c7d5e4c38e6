import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { GraphApi } from './whatsapp-cloud.api';
import { GraphApiException, invalidParameter } from './whatsapp-cloud.errors';
import {
  WhatsAppCloudMessages,
  type SendMessageAnswer,
  type SendMessageInput,
} from './whatsapp-cloud.messages';

const TYPES = ['text', 'template'];

/** Graph's checks of the envelope, in its words; the content is checked by the message type. */
function sendInput(body: unknown): SendMessageInput {
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (input.messaging_product === undefined)
    throw invalidParameter('The parameter messaging_product is required.');
  if (input.messaging_product !== 'whatsapp') {
    throw invalidParameter(
      `Param messaging_product must be one of {WHATSAPP} - got "${String(input.messaging_product)}".`,
    );
  }
  if (typeof input.to !== 'string' || input.to === '')
    throw invalidParameter('The parameter to is required.');
  const type = input.type ?? 'text';
  if (typeof type !== 'string' || !TYPES.includes(type)) {
    throw invalidParameter(
      `Param type must be one of {TEXT, TEMPLATE} - got "${String(type)}" (the sandbox simulates text and template messages).`,
    );
  }
  return { ...input, type } as unknown as SendMessageInput;
}

/**
 * The WhatsApp Cloud API's send endpoint on the Graph API, under `/graph` (base URL
 * `http://127.0.0.1:3100/graph` for `https://graph.facebook.com`), JSON, `Bearer EAA…`.
 */
@Controller('graph')
@GraphApi()
export class WhatsAppCloudHttpController {
  constructor(private readonly messages: WhatsAppCloudMessages) {}

  @Post(':version/:phoneNumberId/messages')
  @HttpCode(200)
  send(
    @Param('version') version: string,
    @Param('phoneNumberId') phoneNumberId: string,
    @Body() body: unknown,
  ): SendMessageAnswer {
    if (!/^v\d+\.\d+$/.test(version)) {
      throw new GraphApiException(400, { message: `Unknown path components: /${version}`, code: 2500 });
    }
    if (!/^\d+$/.test(phoneNumberId)) {
      throw new GraphApiException(400, {
        message: `Unsupported post request. Object with ID '${phoneNumberId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
        code: 100,
        error_subcode: 33,
      });
    }
    return this.messages.send(phoneNumberId, sendInput(body));
  }
}
