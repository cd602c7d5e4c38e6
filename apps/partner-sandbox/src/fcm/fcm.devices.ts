import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { FcmApiException, invalidArgument } from './fcm.errors';

/** The `message` of `messages:send` (HTTP v1), as far as the sandbox reads it. */
export interface FcmMessage {
  token?: string;
  topic?: string;
  condition?: string;
  notification?: { title?: string; body?: string; image?: string };
  data?: Record<string, string>;
  android?: Record<string, unknown>;
  apns?: Record<string, unknown>;
  webpush?: Record<string, unknown>;
  fcm_options?: Record<string, unknown>;
}

/** A message a device received: what was sent, under FCM's message name. */
export interface ReceivedPush {
  /** `projects/{projectId}/messages/{id}`, what `messages:send` answered. */
  name: string;
  projectId: string;
  token: string;
  notification?: FcmMessage['notification'];
  data?: Record<string, string>;
  android?: Record<string, unknown>;
  apns?: Record<string, unknown>;
  webpush?: Record<string, unknown>;
  fcm_options?: Record<string, unknown>;
  receivedAt: string;
}

/** Tokens starting with this are unregistered without being marked (an app uninstalled long ago). */
export const UNREGISTERED_PREFIX = 'unregistered-';
/** What the sandbox takes for a registration token: FCM's alphabet, 16 to 4096 characters. */
const TOKEN_FORMAT = /^[\w:.-]{16,4096}$/;
/** FCM refuses a message whose notification and data together exceed 4 KB. */
const MAX_PAYLOAD_BYTES = 4_096;
/** Data keys FCM reserves for itself. */
const RESERVED_DATA_KEY = /^(from|notification|message_type|google\..*|gcm\..*)$/i;
const KEPT_PER_TOKEN = 100;

/**
 * The devices behind registration tokens: every well-formed token is a registered device unless the
 * admin API unregistered it (or it starts with `unregistered-`), and each keeps what it received.
 */
@Injectable()
export class FcmDevices {
  private readonly received = new Map<string, ReceivedPush[]>();
  private readonly unregistered = new Set<string>();

  /** Delivers one message to its token's device; FCM's errors for what FCM refuses. */
  send(projectId: string, message: FcmMessage, validateOnly: boolean): { name: string } {
    const token = this.target(message);
    const payload = Buffer.byteLength(JSON.stringify({ n: message.notification, d: message.data }));
    if (payload > MAX_PAYLOAD_BYTES) {
      throw invalidArgument(
        `Message is too big: ${payload} bytes of notification and data (FCM takes 4096).`,
        [{ field: 'message', description: 'payload over 4096 bytes' }],
      );
    }
    const reserved = Object.keys(message.data ?? {}).find((k) => RESERVED_DATA_KEY.test(k));
    if (reserved) {
      throw invalidArgument(`Invalid data payload key: ${reserved} is reserved.`, [
        { field: `message.data.${reserved}`, description: 'reserved key' },
      ]);
    }
    if (this.isUnregistered(token)) {
      throw new FcmApiException(404, 'Requested entity was not found.', { fcmCode: 'UNREGISTERED' });
    }
    // A dry run checks everything, token included, and delivers nothing.
    if (validateOnly) return { name: `projects/${projectId}/messages/fake_message_id` };
    const name = `projects/${projectId}/messages/0:${Date.now()}${randomBytes(2).readUInt16BE()}%${randomBytes(8).toString('hex')}`;
    const { notification, data, android, apns, webpush, fcm_options } = message;
    const push: ReceivedPush = {
      name,
      projectId,
      token,
      ...(notification && { notification }),
      ...(data && { data }),
      ...(android && { android }),
      ...(apns && { apns }),
      ...(webpush && { webpush }),
      ...(fcm_options && { fcm_options }),
      receivedAt: new Date().toISOString(),
    };
    const list = this.received.get(token) ?? [];
    list.push(push);
    if (list.length > KEPT_PER_TOKEN) list.shift();
    this.received.set(token, list);
    return { name };
  }

  /** What the token's device received, oldest first; every device's when no token is given. */
  receivedBy(token?: string): ReceivedPush[] {
    if (token !== undefined) return this.received.get(token) ?? [];
    return [...this.received.values()].flat().sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  }

  /** The app was uninstalled: FCM answers 404 UNREGISTERED for the token from now on. */
  unregister(token: string): void {
    this.unregistered.add(token);
  }

  register(token: string): void {
    this.unregistered.delete(token);
  }

  isUnregistered(token: string): boolean {
    return this.unregistered.has(token) || token.startsWith(UNREGISTERED_PREFIX);
  }

  private target(message: FcmMessage): string {
    const targets = (['token', 'topic', 'condition'] as const).filter((t) => message[t] !== undefined);
    if (targets.length !== 1) {
      throw invalidArgument('Exactly one of token, topic or condition must be specified.', [
        { field: 'message', description: `targets given: ${targets.join(', ') || 'none'}` },
      ]);
    }
    if (!message.token) {
      throw invalidArgument('The sandbox simulates sends to registration tokens only.', [
        { field: `message.${targets[0]}`, description: 'topics and conditions are not simulated' },
      ]);
    }
    if (!TOKEN_FORMAT.test(message.token)) {
      const description = 'The registration token is not a valid FCM registration token';
      throw invalidArgument(description, [{ field: 'message.token', description }]);
    }
    return message.token;
  }
}
